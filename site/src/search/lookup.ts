import { exactIdentifier, labelOf, validities } from '@portal/shared';
import { policies } from '../lib/content.ts';
import { formatDate, yearOf } from '../lib/format.ts';
import { urls } from '../lib/urls.ts';
import { shardCount, shardName, shardOf, type IdentifierEntry, type IdentifierShard } from './identifiers.ts';

/*
 * The exact-identifier lookup at build time: every published policy under its 文号 and its 索引号,
 * keyed by the form exactIdentifier gives a query (so any bracket style a visitor types meets the
 * stored one), grouped into shards. The search page and the shard endpoint both read it.
 */

export type IdentifierLookup = { shards: number; files: Map<string, IdentifierShard> };

let built: Promise<IdentifierLookup> | undefined;

export function identifierLookup(): Promise<IdentifierLookup> {
  built ??= build();
  return built;
}

async function build(): Promise<IdentifierLookup> {
  const entries: Array<[string, IdentifierEntry]> = [];
  for (const p of await policies()) {
    const validity = labelOf(validities, p.validity);
    const base = {
      url: urls.policy(p.documentId),
      title: p.title,
      meta: {
        类型: '政策文件',
        发布机构: p.agency?.name,
        日期: formatDate(p.publishDate),
        文号: p.docNumber ?? undefined,
        索引号: p.indexNumber ?? undefined,
        有效性: validity,
      },
      filters: { 类型: '政策文件', 发布机构: p.agency?.name, 年份: yearOf(p.publishDate) || undefined, 有效性: validity },
    };
    for (const [kind, value] of [
      ['文号', p.docNumber],
      ['索引号', p.indexNumber],
    ] as const) {
      const key = value ? exactIdentifier(value) : null;
      if (key?.kind === kind) entries.push([key.value, { ...base, kind }]);
    }
  }
  const shards = shardCount(entries.length);
  const files = new Map<string, IdentifierShard>();
  // Every shard has its file, empty or not: a query never meets a 404 (a console error in the browser).
  for (let i = 0; i < shards; i++) files.set(shardName(i, shards), {});
  for (const [key, entry] of entries) {
    const shard = shardOf(key, shards);
    const file = files.get(shard) ?? files.set(shard, {}).get(shard)!;
    (file[key] ??= []).push(entry);
  }
  return { shards, files };
}

import type { SearchFilterName, SearchMetaName } from '@portal/shared';

/*
 * The lookup that puts a document first when the query is its exact 文号 or 索引号, as the static
 * engine reads it: one small JSON file per shard under /search/ids/, the shard chosen by a hash of
 * the identifier's stored form, so a query fetches one file of a few kilobytes however many
 * documents the portal holds. Written at build time by pages/search/ids/[shard].json.ts.
 */

/** One document an identifier names, with what its result shows and the filters it matches. */
export type IdentifierEntry = {
  url: string;
  title: string;
  kind: '文号' | '索引号';
  meta: Partial<Record<SearchMetaName, string>>;
  filters: Partial<Record<SearchFilterName, string>>;
};

/** A shard's file: identifier (stored form) → the documents it names. */
export type IdentifierShard = Record<string, IdentifierEntry[]>;

/** Identifiers a shard holds on average: a few kilobytes a file. */
const ENTRIES_PER_SHARD = 32;

/** How many shards `count` identifiers take: a power of two, so the count grows in few steps. */
export function shardCount(count: number): number {
  let shards = 1;
  while (shards * ENTRIES_PER_SHARD < count) shards *= 2;
  return shards;
}

/** The shard of an identifier: FNV-1a (32 bits) over its UTF-16 code units, the same in Node and the browser. */
export function shardOf(identifier: string, shards: number): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < identifier.length; i++) {
    hash ^= identifier.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return shardName(hash % shards, shards);
}

/** A shard's name: its number in hexadecimal, padded to the width of the largest. */
export function shardName(index: number, shards: number): string {
  return index.toString(16).padStart((shards - 1).toString(16).length, '0');
}

/** The address of a shard's file. */
export function shardUrl(shard: string): string {
  return `/search/ids/${shard}.json`;
}

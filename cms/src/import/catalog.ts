import { createHash, randomBytes } from 'node:crypto';
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { catalogBodyBlocks, catalogFields, checkCatalog, type CatalogField, type CatalogItem, type CatalogProblem } from '@portal/shared';
import { AUDITED_ACTIONS } from '../audit/actions';
import { refusalOf } from '../security/upload-check';
import { readCatalogFile } from './read';

/*
 * The catalogue import's write path. The Document Service writes one document at a time (~150/s at
 * best, and its memory grows with the run); here each batch is written with a few set-based
 * queries in one database transaction, producing exactly the rows the Document Service makes for a
 * published document: a draft row and a published row sharing a documentId (locale null), each
 * linked to the matching version of its agency, attachments linked to both, and the audit log
 * entry the audit middleware would write (one entry a batch, naming what it did). Rows are matched
 * by 索引号, so running the same file again updates and never duplicates: a run cut short is
 * resumed by running it again (committed batches are rewritten with the same values; the batch
 * that was cut off left nothing, its transaction never committed).
 */

const UID = 'api::policy-item.policy-item';
const AGENCY_UID = 'api::agency.agency';
const AUDIT_UID = 'api::audit-entry.audit-entry';
const FILE_UID = 'plugin::upload.file';

export type CatalogImportOptions = {
  file: string;
  attachmentsDir?: string;
  dryRun?: boolean;
  batchSize?: number;
  /** Store as drafts (unpublished) instead of published. */
  draft?: boolean;
  /** Who ran it, for the audit log's 来源. */
  origin?: string;
  onProgress?: (progress: { done: number; total: number; created: number; updated: number }) => void;
};

export type CatalogImportReport = {
  ok: boolean;
  /** A problem of the whole file (unreadable, hostile), in Chinese. */
  fatal?: string;
  format?: string;
  rows: number;
  problems: CatalogProblem[];
  /** Rows that passed the checks. */
  valid: number;
  created: number;
  updated: number;
  batches: number;
  dryRun: boolean;
};

type Row = { id: number; documentId: string; indexNumber: string; publishedAt: Date | string | number | null };
type Knex = ((table: string) => KnexQuery) & { raw: (sql: string) => unknown };
type KnexQuery = {
  insert: (rows: unknown[]) => Promise<unknown>;
  whereIn: (column: string, values: unknown[]) => KnexQuery;
  where: (column: string, value: unknown) => KnexQuery;
  max: (column: string, as?: unknown) => KnexQuery;
  select: (...columns: string[]) => KnexQuery;
  groupBy: (column: string) => KnexQuery;
  delete: () => Promise<number>;
} & PromiseLike<Array<Record<string, unknown>>>;
type JoinMeta = {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  inverseOrderColumnName?: string;
  orderColumnName?: string;
};
type MorphMeta = { name: string; joinColumn: { name: string }; morphColumn: { typeColumn: { name: string }; idColumn: { name: string } } };

/** A fresh documentId, shaped as Strapi's (cuid2: 24 lowercase letters and digits, a letter first). */
function documentId(): string {
  const bytes = randomBytes(24);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(bytes, (b, i) => (i === 0 ? alphabet[b % 26] : alphabet[b % 36])).join('');
}

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wps': 'application/vnd.ms-works',
  '.ofd': 'application/ofd',
  '.txt': 'text/plain',
  '.zip': 'application/zip',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};

/** The plain files directly inside the attachments folder, by name; links pointing out of it are left out. */
async function attachmentFiles(dir: string): Promise<Map<string, string>> {
  const root = await realpath(dir);
  const files = new Map<string, string>();
  for (const name of await readdir(root)) {
    const full = path.join(root, name);
    const info = await lstat(full);
    if (info.isSymbolicLink()) {
      const target = await realpath(full).catch(() => '');
      if (!target.startsWith(root + path.sep) || !(await lstat(target)).isFile()) continue;
    } else if (!info.isFile()) continue;
    files.set(name.normalize('NFC'), full);
  }
  return files;
}

/** Longest text of each field, as the content type declares it (the one home of those limits). */
function schemaLimits(strapi: Core.Strapi): Partial<Record<CatalogField, number>> {
  const attributes = (
    strapi.contentTypes[UID as keyof typeof strapi.contentTypes] as unknown as { attributes: Record<string, { maxLength?: number }> }
  ).attributes;
  return Object.fromEntries(catalogFields.flatMap((f) => (attributes[f]?.maxLength ? [[f, attributes[f]!.maxLength!]] : [])));
}

/** Checks (and unless a dry run, imports) a catalogue file. Nothing is written when any row has an error. */
export async function importCatalog(strapi: Core.Strapi, options: CatalogImportOptions): Promise<CatalogImportReport> {
  const base: CatalogImportReport = {
    ok: false,
    rows: 0,
    problems: [],
    valid: 0,
    created: 0,
    updated: 0,
    batches: 0,
    dryRun: Boolean(options.dryRun),
  };
  const read = await readCatalogFile(options.file);
  if (!read.ok) return { ...base, fatal: read.message };

  let files = new Map<string, string>();
  if (options.attachmentsDir) {
    try {
      files = await attachmentFiles(options.attachmentsDir);
    } catch {
      return { ...base, format: read.format, fatal: `附件文件夹“${options.attachmentsDir}”不存在或无法读取` };
    }
  }
  const agencies = (await strapi.db
    .query(AGENCY_UID)
    .findMany({ select: ['id', 'documentId', 'name', 'shortName', 'indexPrefix', 'publishedAt'] } as never)) as Array<{
    id: number;
    documentId: string;
    name: string;
    shortName: string | null;
    indexPrefix: string | null;
    publishedAt: unknown;
  }>;
  const check = checkCatalog(read.table, {
    agencies: agencies.filter((a) => a.publishedAt === null),
    limits: schemaLimits(strapi),
    attachmentExists: options.attachmentsDir ? (name) => files.has(name.normalize('NFC')) : undefined,
    publishing: !options.draft,
  });
  // The media library's content check, on each attachment now: a file it would refuse fails the dry run, not batch N of the import.
  const refused = new Map<string, string | null>();
  for (const item of check.items) {
    for (const name of item.attachments) {
      if (!refused.has(name)) {
        const full = files.get(name.normalize('NFC'))!;
        refused.set(name, await refusalOf({ filepath: full, originalFilename: name, size: (await lstat(full)).size }));
      }
      const reason = refused.get(name);
      if (reason) check.problems.push({ row: item.row, column: '附件文件名', severity: 'error', message: reason });
    }
  }
  if (refused.size > 0) {
    const wrong = new Set(check.problems.filter((p) => p.severity === 'error').map((p) => p.row));
    check.items = check.items.filter((item) => !wrong.has(item.row));
    check.problems.sort((a, b) => a.row - b.row);
  }
  const report: CatalogImportReport = {
    ...base,
    format: read.format,
    rows: check.rows,
    problems: check.problems,
    valid: check.items.length,
  };
  if (check.problems.some((p) => p.severity === 'error') || options.dryRun)
    return { ...report, ok: !check.problems.some((p) => p.severity === 'error') };
  if (check.items.length === 0) return { ...report, fatal: '文件中没有可导入的行（标题行之下都是空行）' };

  const versions = new Map<string, { draft?: number; published?: number }>();
  for (const a of agencies) {
    const v = versions.get(a.name) ?? {};
    if (a.publishedAt === null) v.draft = a.id;
    else v.published = a.id;
    versions.set(a.name, v);
  }

  const batchSize = Math.max(1, Math.min(options.batchSize ?? 500, 5_000));
  const uploaded = await knownUploads(strapi);
  for (let start = 0; start < check.items.length; start += batchSize) {
    const batch = check.items.slice(start, start + batchSize);
    let written: { created: number; updated: number };
    try {
      const fileIds = await uploadAttachments(strapi, batch, files, uploaded);
      written = await writeBatch(strapi, batch, {
        versions,
        fileIds,
        draft: Boolean(options.draft),
        batchNumber: report.batches + 1,
        origin: options.origin ?? '目录导入',
      });
    } catch (error) {
      // knex puts the SQL before the database's own reason ("<sql> - <reason>"): keep the reason.
      const detail = (error instanceof Error ? error.message : String(error)).split(' - ').pop()!.slice(0, 300);
      return {
        ...report,
        fatal: `第 ${report.batches + 1} 批（第 ${batch[0]!.row} 至 ${batch[batch.length - 1]!.row} 行）写入失败，该批已整体回滚，没有写入任何一项：${detail}。此前已提交的 ${report.batches} 批（${report.created + report.updated} 项）保留；排除原因后重新运行同一文件即可继续，已导入的按索引号更新，不会重复`,
      };
    }
    const { created, updated } = written;
    report.created += created;
    report.updated += updated;
    report.batches++;
    options.onProgress?.({ done: start + batch.length, total: check.items.length, created: report.created, updated: report.updated });
  }
  // One webhook for the whole run, so the publisher rebuilds once (it reads what changed by publishedAt).
  (strapi as unknown as { eventHub: { emit: (event: string, payload: unknown) => Promise<void> } }).eventHub
    .emit(options.draft ? 'entry.create' : 'entry.publish', {
      model: 'policy-item',
      uid: UID,
      entry: { count: report.created + report.updated },
    })
    .catch(() => undefined);
  return { ...report, ok: true };
}

/** Files this import uploaded earlier, by content hash, so a rerun links them again instead of uploading twice. */
async function knownUploads(strapi: Core.Strapi): Promise<Map<string, number>> {
  const rows = (await strapi.db.query(FILE_UID).findMany({ select: ['id', 'provider_metadata'] } as never)) as Array<{
    id: number;
    provider_metadata: unknown;
  }>;
  const known = new Map<string, number>();
  for (const row of rows) {
    const meta = (typeof row.provider_metadata === 'string' ? JSON.parse(row.provider_metadata) : row.provider_metadata) as {
      catalogImportSha256?: string;
    } | null;
    if (meta?.catalogImportSha256) known.set(meta.catalogImportSha256, row.id);
  }
  return known;
}

/**
 * Puts the batch's attachments into the media library (before its transaction: the upload
 * provider writes files, which no transaction can take back). A file already imported, by its
 * content, is reused; a batch cut short leaves at most unlinked files that the rerun links.
 */
async function uploadAttachments(
  strapi: Core.Strapi,
  batch: CatalogItem[],
  files: Map<string, string>,
  known: Map<string, number>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const upload = strapi.plugin('upload').service('upload') as { upload: (input: unknown) => Promise<Array<{ id: number }>> };
  for (const name of new Set(batch.flatMap((item) => item.attachments))) {
    const full = files.get(name.normalize('NFC'))!;
    const bytes = await readFile(full);
    const sha = createHash('sha256').update(bytes).digest('hex');
    let id = known.get(sha);
    if (id === undefined) {
      const [file] = await upload.upload({
        data: { fileInfo: { name } },
        files: {
          filepath: full,
          originalFilename: name,
          mimetype: MIME[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
          size: bytes.length,
        },
      });
      id = file!.id;
      await strapi.db.query(FILE_UID).update({ where: { id }, data: { provider_metadata: { catalogImportSha256: sha } } } as never);
      known.set(sha, id);
    }
    ids.set(name, id);
  }
  return ids;
}

type BatchContext = {
  versions: Map<string, { draft?: number; published?: number }>;
  fileIds: Map<string, number>;
  draft: boolean;
  batchNumber: number;
  origin: string;
};

function fieldsOf(item: CatalogItem) {
  return {
    indexNumber: item.indexNumber,
    title: item.title,
    docNumber: item.docNumber,
    writtenDate: item.writtenDate,
    publishDate: item.publishDate,
    topic: item.topic,
    catalogNode: item.catalogNode,
    genre: item.genre,
    validity: item.validity,
    invalidDate: item.invalidDate,
    disclosureMethod: 'proactive',
    summary: item.summary,
    body: catalogBodyBlocks(item.body),
  };
}

/** One batch in one transaction: every row of it is stored, or (on any failure) none. */
async function writeBatch(strapi: Core.Strapi, batch: CatalogItem[], context: BatchContext): Promise<{ created: number; updated: number }> {
  const meta = strapi.db.metadata.get(UID) as unknown as { tableName: string; attributes: Record<string, { joinTable?: unknown }> };
  const agencyJoin = meta.attributes.agency!.joinTable as JoinMeta;
  const fileMorph = (strapi.db.metadata.get(FILE_UID) as unknown as { attributes: Record<string, { joinTable?: unknown }> }).attributes
    .related!.joinTable as MorphMeta;
  const query = strapi.db.query(UID);

  return strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex;
    const now = new Date();
    const indexNumbers = batch.map((item) => item.indexNumber);
    const existing = (await query.findMany({
      where: { indexNumber: { $in: indexNumbers } },
      select: ['id', 'documentId', 'indexNumber', 'publishedAt'],
    } as never)) as Row[];
    const byIndex = new Map<string, Row[]>();
    for (const row of existing) byIndex.set(row.indexNumber, [...(byIndex.get(row.indexNumber) ?? []), row]);

    const inserts: Array<Record<string, unknown>> = [];
    const documentIds: string[] = [];
    let created = 0;
    let updated = 0;
    for (const item of batch) {
      const fields = fieldsOf(item);
      const rows = byIndex.get(item.indexNumber);
      if (!rows) {
        const id = documentId();
        documentIds.push(id);
        created++;
        inserts.push({ ...fields, documentId: id, locale: null, createdAt: now, updatedAt: now, publishedAt: null });
        if (!context.draft) inserts.push({ ...fields, documentId: id, locale: null, createdAt: now, updatedAt: now, publishedAt: now });
        continue;
      }
      updated++;
      const id = rows[0]!.documentId;
      documentIds.push(id);
      const draftRow = rows.find((r) => r.publishedAt === null);
      const publishedRow = rows.find((r) => r.publishedAt !== null);
      // A draft import updates the draft only; the published version stays as the public saw it.
      if (draftRow) await query.update({ where: { id: draftRow.id }, data: { ...fields, updatedAt: now } } as never);
      else inserts.push({ ...fields, documentId: id, locale: null, createdAt: now, updatedAt: now, publishedAt: null });
      if (!context.draft) {
        if (publishedRow)
          await query.update({ where: { id: publishedRow.id }, data: { ...fields, updatedAt: now, publishedAt: now } } as never);
        else inserts.push({ ...fields, documentId: id, locale: null, createdAt: now, updatedAt: now, publishedAt: now });
      }
    }
    if (inserts.length > 0) await query.createMany({ data: inserts } as never);

    // Links, rewritten for every row of the batch's documents (the rows just made and those updated).
    const rows = (await query.findMany({
      where: { documentId: { $in: documentIds } },
      select: ['id', 'documentId', 'indexNumber', 'publishedAt'],
    } as never)) as Row[];
    const itemOf = new Map(batch.map((item) => [item.indexNumber, item]));
    const touched = context.draft ? rows.filter((r) => r.publishedAt === null) : rows;
    const touchedIds = touched.map((r) => r.id);
    await knex(agencyJoin.name).whereIn(agencyJoin.joinColumn.name, touchedIds).delete();
    await knex(fileMorph.name)
      .whereIn(fileMorph.morphColumn.idColumn.name, touchedIds)
      .where(fileMorph.morphColumn.typeColumn.name, UID)
      .where('field', 'attachments')
      .delete();

    const orderColumn = agencyJoin.inverseOrderColumnName;
    const agencyIds = [...new Set(touched.flatMap((r) => Object.values(context.versions.get(itemOf.get(r.indexNumber)!.agency) ?? {})))];
    const nextOrder = new Map<number, number>();
    if (orderColumn && agencyIds.length > 0) {
      const maxima = await knex(agencyJoin.name)
        .select(agencyJoin.inverseJoinColumn.name)
        .max(orderColumn, { as: 'max' } as never)
        .whereIn(agencyJoin.inverseJoinColumn.name, agencyIds)
        .groupBy(agencyJoin.inverseJoinColumn.name);
      for (const m of maxima) nextOrder.set(Number(m[agencyJoin.inverseJoinColumn.name]), Number(m.max ?? 0));
    }
    const agencyLinks: Array<Record<string, unknown>> = [];
    const fileLinks: Array<Record<string, unknown>> = [];
    for (const row of touched) {
      const item = itemOf.get(row.indexNumber)!;
      const version = context.versions.get(item.agency) ?? {};
      // As Strapi links them: a draft to the agency's draft, a published row to its published version.
      const agencyId = row.publishedAt === null ? version.draft : version.published;
      if (agencyId !== undefined) {
        const order = (nextOrder.get(agencyId) ?? 0) + 1;
        nextOrder.set(agencyId, order);
        agencyLinks.push({
          [agencyJoin.joinColumn.name]: row.id,
          [agencyJoin.inverseJoinColumn.name]: agencyId,
          ...(orderColumn ? { [orderColumn]: order } : {}),
        });
      }
      item.attachments.forEach((name, i) => {
        fileLinks.push({
          [fileMorph.joinColumn.name]: context.fileIds.get(name),
          [fileMorph.morphColumn.idColumn.name]: row.id,
          [fileMorph.morphColumn.typeColumn.name]: UID,
          field: 'attachments',
          order: i + 1,
        });
      });
    }
    for (let i = 0; i < agencyLinks.length; i += 200) await knex(agencyJoin.name).insert(agencyLinks.slice(i, i + 200));
    for (let i = 0; i < fileLinks.length; i += 200) await knex(fileMorph.name).insert(fileLinks.slice(i, i + 200));

    const first = batch[0]!.indexNumber;
    const last = batch[batch.length - 1]!.indexNumber;
    await strapi.db.query(AUDIT_UID).create({
      data: {
        action: context.draft ? 'create' : 'publish',
        actionLabel: `目录导入（${context.draft ? `${AUDITED_ACTIONS.create}草稿` : AUDITED_ACTIONS.publish}）`,
        contentType: UID,
        contentTypeLabel: (strapi.contentTypes[UID as keyof typeof strapi.contentTypes] as unknown as { info: { displayName: string } })
          .info.displayName,
        title: `第 ${context.batchNumber} 批，${batch.length} 项（新建 ${created}、更新 ${updated}），索引号 ${first} 至 ${last}`,
        origin: context.origin,
      },
    } as never);
    return { created, updated };
  });
}

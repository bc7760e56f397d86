import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  checkPolicyMetadata,
  duplicateIndexNumberIssue,
  policyLabel,
  indexNumberChangeIssue,
  indexYear,
  normalizeIndexNumber,
  proposeIndexNumber,
  type MetadataIssue,
  type PolicyMetadata,
} from '@portal/shared';
import { PUBLICATION_RECORD as RECORD } from './publish-paths';

const UID = 'api::policy-item.policy-item';
const AGENCY = 'api::agency.agency';
const AUDIT = 'api::audit-entry.audit-entry';
/** Response header carrying what the save changed in the typed values (URI-encoded JSON array of Chinese sentences). */
export const NOTICE_HEADER = 'X-Portal-Notices';
const TEXT_FIELDS = ['indexNumber', 'docNumber', 'topic', 'genre', 'catalogNode'] as const;
const METADATA_FIELDS = ['indexNumber', 'docNumber', 'topic', 'genre', 'catalogNode', 'validity', 'writtenDate', 'invalidDate'] as const;

type Item = Record<string, unknown> & {
  documentId?: string;
  title?: string;
  indexNumber?: string | null;
  publishDate?: string | null;
  agency?: { documentId: string } | null;
  replacedBy?: { documentId: string } | null;
};
type Ref = string | null | undefined;

/** Rejects the save: nothing is stored, and the admin shows each message under its field. */
function reject(issues: MetadataIssue[]): never {
  throw new errors.ValidationError(`政策文件的元数据有误：${issues.map((i) => i.message).join('；')}`, {
    errors: issues.map((i) => ({ path: [i.field], message: i.message, name: 'ValidationError', value: null })),
  });
}

/**
 * The policy item's metadata rules (shared/src/policy-metadata.ts) on every write: a save may not
 * hold a value outside the vocabularies, stores the 文号 in its official form and gets a 索引号
 * proposed when it has none; a publish also needs what a published item must show. The 索引号 is
 * unique and never changes once the document has been published (publication records, below).
 * Every publish path reaches the single-document `publish` here (publish-paths.ts).
 */
export function registerPolicyItemValidation(strapi: Core.Strapi): void {
  const items = () => strapi.db.query(UID);
  // Below the Document Service: no other middleware (draft guard, audit) sees these bookkeeping reads.
  const draftOf = (documentId: string) =>
    items().findOne({ where: { documentId, publishedAt: null }, populate: ['agency', 'replacedBy'] }) as Promise<Item | null>;

  /**
   * The documentId a relation input points to, in any shape Strapi takes (documentId, id, an
   * object, `connect`/`set`/`disconnect`, a list): undefined when the input does not touch the
   * relation, null when it clears it. Numeric ids are looked up in the relation's target type.
   */
  const relationTarget = async (input: unknown, target: typeof UID | typeof AGENCY): Promise<Ref> => {
    if (input === undefined) return undefined;
    if (input === null) return null;
    if (typeof input === 'string') return input;
    if (typeof input === 'number') {
      const row = (await strapi.db.query(target).findOne({ where: { id: input }, select: ['documentId'] })) as {
        documentId?: string;
      } | null;
      return row?.documentId ?? null;
    }
    if (Array.isArray(input)) return input.length === 0 ? null : relationTarget(input[input.length - 1], target);
    if (typeof input === 'object') {
      const o = input as Record<string, unknown>;
      if (typeof o.documentId === 'string') return o.documentId;
      if (typeof o.id === 'number') return relationTarget(o.id, target);
      if (Array.isArray(o.set)) return o.set.length === 0 ? null : relationTarget(o.set[o.set.length - 1], target);
      if (Array.isArray(o.connect) && o.connect.length > 0) return relationTarget(o.connect[o.connect.length - 1], target);
      if (Array.isArray(o.disconnect) && o.disconnect.length > 0) return null;
    }
    return undefined;
  };

  const prefixOf = async (agency: Ref): Promise<string | null> => {
    if (!agency) return null;
    const row = (await strapi.db.query(AGENCY).findOne({ where: { documentId: agency }, select: ['indexPrefix', 'creditCode'] })) as {
      indexPrefix?: string | null;
      creditCode?: string | null;
    } | null;
    return row?.indexPrefix?.trim() || row?.creditCode?.trim() || null;
  };

  const lastRecord = (documentId: string) =>
    strapi.db.query(RECORD).findOne({
      where: { contentType: UID, targetDocumentId: documentId },
      orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
    }) as Promise<{ snapshot?: { indexNumber?: string } } | null>;

  /**
   * The 索引号 the document was published with, or null if it never was. Read from the published
   * row, else the publication record written at each publish and unpublish (Strapi deletes the
   * published row on unpublish), else, for documents published before records were kept, the
   * audit log (then the stored number is the one that was published: it could not change since).
   */
  const publishedIndex = async (documentId: string, stored: Item | null): Promise<string | null> => {
    const published = (await items().findOne({
      where: { documentId, publishedAt: { $notNull: true } },
      select: ['indexNumber'],
    })) as Item | null;
    if (published) return published.indexNumber ?? '';
    const record = await lastRecord(documentId);
    if (record) return record.snapshot?.indexNumber ?? '';
    const audited = await strapi.db.query(AUDIT).count({ where: { contentType: UID, targetDocumentId: documentId, action: 'publish' } });
    return audited > 0 ? (stored?.indexNumber ?? '') : null;
  };

  /** Another document (draft or published) holding this 索引号. */
  const takenBy = async (indexNumber: string, documentId: string | undefined) =>
    (await items().findOne({
      where: { indexNumber, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
      select: ['title', 'documentId'],
    })) as Item | null;

  const nextIndex = async (prefix: string, year: number) => {
    const start = `${normalizeIndexNumber(prefix)}/${year}`;
    const rows = (await items().findMany({ where: { indexNumber: { $startsWith: start } }, select: ['indexNumber'] })) as Item[];
    return proposeIndexNumber(
      prefix,
      year,
      rows.map((r) => r.indexNumber),
    );
  };

  const metadataOf = (item: Item, replacedBy: Ref): PolicyMetadata => {
    const out: PolicyMetadata = {};
    for (const field of METADATA_FIELDS) {
      if (field in item) out[field] = (item[field] as string | null | undefined) ?? null;
    }
    out.replacedBy = replacedBy ?? null;
    return out;
  };

  const tell = (notices: string[]) => {
    if (notices.length === 0) return;
    const ctx = strapi.requestContext.get();
    if (ctx && !ctx.headerSent) ctx.set(NOTICE_HEADER, encodeURIComponent(JSON.stringify(notices)));
  };

  /** A save (new or edited draft, or a copy): wrong values refuse it; normal forms and a proposed 索引号 are written into the data. */
  const checkSave = async (data: Record<string, unknown>, stored: Item | null, documentId: string | undefined) => {
    // REST and code may send anything: the rules read text.
    const notText = TEXT_FIELDS.filter((field) => data[field] !== undefined && data[field] !== null && typeof data[field] !== 'string');
    if (notText.length > 0)
      reject(
        notText.map((field) => ({
          field,
          message: `${policyLabel(field)}应为文字（收到的是${Array.isArray(data[field]) ? '列表' : typeof data[field] === 'object' ? '对象' : '数字或其他值'}）`,
        })),
      );
    const givenAgency = await relationTarget(data.agency, AGENCY);
    const agency = givenAgency === undefined ? stored?.agency?.documentId : givenAgency;
    const givenReplacement = await relationTarget(data.replacedBy, UID);
    const replacedBy = givenReplacement === undefined ? stored?.replacedBy?.documentId : givenReplacement;
    const given = metadataOf(data as Item, replacedBy);
    const merged: PolicyMetadata = { ...metadataOf(stored ?? {}, replacedBy), ...given };
    const prefix = await prefixOf(agency);
    // The values written now are checked; the dates and the replacement as they will be stored.
    const checked = checkPolicyMetadata(
      { ...given, invalidDate: merged.invalidDate, writtenDate: merged.writtenDate, replacedBy },
      { publishing: false, documentId, indexPrefix: prefix },
    );
    const issues = [...checked.issues];
    const notices = [...checked.notices];
    const next: Record<string, unknown> = { ...data, ...checked.values };

    const locked = documentId ? await publishedIndex(documentId, stored) : null;
    let indexNumber = ('indexNumber' in data ? checked.values.indexNumber : stored?.indexNumber) ?? null;
    if (locked !== null) {
      const issue = 'indexNumber' in data ? indexNumberChangeIssue(locked, indexNumber) : null;
      if (issue) issues.push({ field: 'indexNumber', message: issue });
    } else if (!indexNumber && prefix && !issues.some((i) => i.field === 'indexNumber')) {
      indexNumber = await nextIndex(
        prefix,
        indexYear({ writtenDate: merged.writtenDate, publishDate: (data.publishDate ?? stored?.publishDate) as string | undefined }),
      );
      next.indexNumber = indexNumber;
      notices.push(`索引号已按发布机构的索引号前缀自动编为“${indexNumber}”（前缀/年份-序号；发布后不可更改）`);
    }
    if (indexNumber && 'indexNumber' in next && !issues.some((i) => i.field === 'indexNumber')) {
      const other = await takenBy(indexNumber, documentId);
      if (other) issues.push({ field: 'indexNumber', message: duplicateIndexNumberIssue(indexNumber, other.title) });
    }
    if (issues.length > 0) reject(issues);
    tell(notices);
    return next;
  };

  const writeRecord = (documentId: string, indexNumber: string | null | undefined) =>
    strapi.db.query(RECORD).create({
      data: { contentType: UID, targetDocumentId: documentId, recordedAt: new Date(), snapshot: { indexNumber: indexNumber ?? '' } },
    });

  strapi.documents.use(async (context, next) => {
    if (context.uid !== UID) return next();
    const params = context.params as { documentId?: unknown; data?: Record<string, unknown> };
    const documentId = typeof params.documentId === 'string' ? params.documentId : undefined;

    if (context.action === 'create' || context.action === 'update') {
      return strapi.db.transaction(async () => {
        const stored = context.action === 'update' && documentId ? await draftOf(documentId) : null;
        params.data = await checkSave(params.data ?? {}, stored, context.action === 'update' ? documentId : undefined);
        return next();
      });
    }

    // The admin's 复制: the copy is a new document and gets a 索引号 of its own.
    if (context.action === 'clone' && documentId) {
      return strapi.db.transaction(async () => {
        const source = await draftOf(documentId);
        if (source) {
          const data = params.data ?? {};
          const given = 'indexNumber' in data ? data : { ...data, indexNumber: null };
          const { documentId: _documentId, indexNumber: _indexNumber, ...content } = source;
          params.data = await checkSave(given, content as Item, undefined);
        }
        return next();
      });
    }

    if (context.action === 'publish' && documentId) {
      return strapi.db.transaction(async () => {
        const draft = await draftOf(documentId);
        if (!draft) return next();
        const prefix = await prefixOf(draft.agency?.documentId);
        const checked = checkPolicyMetadata(metadataOf(draft, draft.replacedBy?.documentId), {
          publishing: true,
          documentId,
          indexPrefix: prefix,
        });
        const issues = [...checked.issues];
        const indexNumber = draft.indexNumber ?? '';
        const locked = await publishedIndex(documentId, draft);
        const changed = locked !== null ? indexNumberChangeIssue(locked, indexNumber) : null;
        if (changed) issues.push({ field: 'indexNumber', message: changed });
        const other = indexNumber ? await takenBy(indexNumber, documentId) : null;
        if (other) issues.push({ field: 'indexNumber', message: duplicateIndexNumberIssue(indexNumber, other.title) });
        if (issues.length > 0) reject(issues);
        const result = await next();
        await writeRecord(documentId, indexNumber);
        return result;
      });
    }

    // A document published before records were kept gets one as it is withdrawn.
    if (context.action === 'unpublish' && documentId) {
      return strapi.db.transaction(async () => {
        const published = (await items().findOne({
          where: { documentId, publishedAt: { $notNull: true } },
          select: ['indexNumber'],
        })) as Item | null;
        if (published && !(await lastRecord(documentId))) await writeRecord(documentId, published.indexNumber);
        return next();
      });
    }

    return next();
  });
}

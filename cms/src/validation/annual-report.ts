import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  archivedFinding,
  closingFields,
  keptByArchive,
  overviewFields,
  reportTemplates,
  tableFields,
  templateVersionForYear,
  validateReport,
  type Finding,
  type ReportFigures,
  type TemplateVersion,
} from '@portal/shared';
import { canonical, PUBLICATION_RECORD as RECORD } from './publish-paths';
import { assertMayArchive, mayArchive } from './archive';

const UID = 'api::annual-report.annual-report';
const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);
/** What a correction changes; a publish that changes any of these needs a new 更正说明. */
const CONTENT = ['year', ...tableFields, ...overviewFields, ...closingFields, 'moneyUnits', 'archivedAsPublished'] as const;

/** A field as compared for a correction; 原样归档 absent from an older record is “not archived”. */
const contentOf = (report: Report, field: (typeof CONTENT)[number]): string =>
  canonical(field === 'archivedAsPublished' ? report[field] === true : report[field]);

/** A kept finding's identity: the same inconsistency, with the same figures. */
const findingKey = (f: { rule?: unknown; table?: unknown; row?: unknown; column?: unknown; message?: unknown }) =>
  [f.rule, f.table, f.row, f.column, f.message].map(String).join('\u0000');

/** Where the report-grid plugin finds the lookup below (`strapi.get(PREVIOUS_REPORT_SERVICE)`). */
export const PREVIOUS_REPORT_SERVICE = 'annual-report.previous-report';

/**
 * The same agency's published report of the year before, for R5–R7: the agency from `agency` (a
 * relation input as the admin form holds it) or else the stored draft `documentId`'s.
 */
export type PreviousReportOf = (input: { documentId?: unknown; agency?: unknown; year: number }) => Promise<ReportFigures | null>;

type Report = Record<string, unknown> & {
  documentId?: string;
  year?: number;
  templateVersion?: string;
  agency?: { documentId: string } | null;
};

function figures(report: Report, version: TemplateVersion): ReportFigures {
  return {
    year: Number(report.year),
    templateVersion: version,
    proactiveTable: report.proactiveTable as ReportFigures['proactiveTable'],
    requestTable: report.requestTable as ReportFigures['requestTable'],
    reviewTable: report.reviewTable as ReportFigures['reviewTable'],
    moneyUnits: report.moneyUnits,
    overviewTexts: overviewFields.map((field) => report[field]),
  };
}

/** Rejects the save: nothing is stored, and the admin shows each message under its field. */
function reject(message: string, details: Array<{ path: string[]; message: string }>): never {
  throw new errors.ValidationError(message, {
    errors: details.map((d) => ({ ...d, name: 'ValidationError', value: null })),
  });
}

function rejectFindings(findings: Finding[]): void {
  const errorsFound = findings.filter((f) => f.severity === 'error');
  if (errorsFound.length === 0) return;
  const shown = errorsFound.slice(0, 5).map((f) => f.message);
  const more = errorsFound.length > shown.length ? `（另有 ${errorsFound.length - shown.length} 处）` : '';
  reject(
    `年度报告未通过校验：${shown.join('；')}${more}`,
    errorsFound.map((f) => ({ path: [f.table], message: `${f.message}［${f.rule}］` })),
  );
}

/** The agency a save refers to: from the data being written (any relation input shape), else the stored draft. */
function agencyOf(data: Record<string, unknown>, stored: Report | null): string | undefined {
  const input = data.agency as unknown;
  const pick = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.documentId === 'string') return o.documentId;
      for (const key of ['set', 'connect']) {
        const list = o[key];
        if (Array.isArray(list) && list.length > 0) return pick(list[list.length - 1]);
      }
    }
    return undefined;
  };
  return pick(input) ?? stored?.agency?.documentId;
}

/** The content a publish is compared with later: what the rules read, and the note of that publish. */
function snapshotOf(report: Report): Record<string, unknown> {
  return Object.fromEntries([...CONTENT, 'correctionNote', 'templateVersion'].map((field) => [field, report[field] ?? null]));
}

export function registerAnnualReportValidation(strapi: Core.Strapi): void {
  const reports = () => strapi.documents(UID);
  const draftOf = (documentId: string) =>
    reports().findOne({ documentId, status: 'draft', populate: ['agency'] } as never) as Promise<Report | null>;

  /**
   * The last published version: the published row, or (after an unpublish, when Strapi has
   * deleted it) the snapshot recorded at its last publish.
   */
  const lastPublished = async (documentId: string): Promise<Report | null> => {
    const published = (await reports().findOne({ documentId, status: 'published' } as never)) as Report | null;
    if (published) return published;
    const record = (await strapi.db.query(RECORD).findOne({
      where: { contentType: UID, targetDocumentId: documentId },
      orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
    })) as { snapshot?: Report } | null;
    return record?.snapshot ?? null;
  };

  const writeRecord = (documentId: string, report: Report) =>
    strapi.db
      .query(RECORD)
      .create({ data: { contentType: UID, targetDocumentId: documentId, recordedAt: new Date(), snapshot: snapshotOf(report) } });

  const previousOf = async (agency: string | undefined, year: number): Promise<ReportFigures | null> => {
    if (!agency || !Number.isInteger(year)) return null;
    const found = (await reports().findFirst({
      status: 'published',
      filters: { agency: { documentId: agency }, year: year - 1 },
    } as never)) as Report | null;
    const version = found && templateVersionForYear(Number(found.year));
    return found && version ? figures(found, version) : null;
  };

  // The admin grid checks R5–R7 while the editor types: it asks the report-grid plugin's admin
  // route, which calls this, so the grid compares with the very report a save is compared with.
  strapi.add(PREVIOUS_REPORT_SERVICE, () => {
    const find: PreviousReportOf = async ({ documentId, agency, year }) => {
      const stored = typeof documentId === 'string' && documentId ? await draftOf(documentId) : null;
      const previous = await previousOf(agencyOf({ agency }, stored), year);
      // Only what the cross-year rules read: no texts, no notes, no private findings.
      return (
        previous && {
          year: previous.year,
          templateVersion: previous.templateVersion,
          proactiveTable: previous.proactiveTable ?? null,
          requestTable: previous.requestTable ?? null,
          reviewTable: previous.reviewTable ?? null,
        }
      );
    };
    return find;
  });

  const versionOf = (year: unknown): TemplateVersion => {
    const version = typeof year === 'number' ? templateVersionForYear(year) : undefined;
    if (!version) {
      const first = Math.min(...Object.values(reportTemplates).map((t) => t.firstYear));
      reject(`年度报告的年份应为 ${first} 年或以后的年份`, [{ path: ['year'], message: `年份应不早于 ${first} 年` }]);
    }
    return version;
  };

  const assertVersionKept = (published: Report | null, version: TemplateVersion) => {
    if (published && published.templateVersion && published.templateVersion !== version) {
      reject(`已发布的年度报告不能改用另一格式版本（已发布为 ${published.templateVersion} 版，修改后为 ${version} 版）`, [
        { path: ['year'], message: `已发布的报告使用 ${published.templateVersion} 版格式，年份修改不能改变格式版本` },
      ]);
    }
  };

  /**
   * 原样归档: which errors of `findings` are kept. Only for an archived report; a caller without
   * the archive right keeps at most what the report already kept (`before`), so an editor cannot
   * add an inconsistency to an archived report unnoticed. Every other error is refused.
   */
  const archiveSplit = (findings: Finding[], archived: boolean, before: unknown) => {
    if (!archived) return { refused: findings, kept: [] as Finding[] };
    const known = new Set(Array.isArray(before) ? (before as Array<Record<string, unknown>>).map(findingKey) : []);
    const may = mayArchive(strapi);
    const keep = (f: Finding) => keptByArchive(f) && (may || known.has(findingKey(f)));
    return { refused: findings.filter((f) => !keep(f)), kept: findings.filter(keep) };
  };

  /** A save (new, edited or copied draft): errors refuse it; the version and the warnings are set on the data. */
  const checkSave = async (data: Record<string, unknown>, stored: Report | null, published: Report | null) => {
    // Computed here at every save; whatever a client sends for it is dropped.
    const { archivedFindings: _fromClient, ...input } = data;
    const merged: Report = { ...(stored ?? {}), ...input };
    const version = versionOf(merged.year);
    assertVersionKept(published, version);
    const wasArchived = stored?.archivedAsPublished === true;
    const archived = typeof input.archivedAsPublished === 'boolean' ? input.archivedAsPublished : wasArchived;
    if (archived !== wasArchived) assertMayArchive(strapi, archived);
    const findings = validateReport(figures(merged, version), { previous: await previousOf(agencyOf(input, stored), Number(merged.year)) });
    const { refused, kept } = archiveSplit(findings, archived, stored?.archivedFindings);
    rejectFindings(refused);
    const warnings = findings.filter((f) => f.severity !== 'error');
    // The version follows from the year; warnings are kept for the editor to read, kept errors published.
    return {
      ...input,
      templateVersion: version,
      archivedAsPublished: archived,
      archivedFindings: kept.length > 0 ? kept.map(archivedFinding) : null,
      findings: warnings.length > 0 ? warnings : null,
    };
  };

  strapi.documents.use(async (context, next) => {
    if (context.uid === RECORD && WRITE_ACTIONS.has(context.action)) {
      throw new errors.ForbiddenError('发布记录由系统在发布时生成，不能手工新建、修改或删除');
    }
    if (context.uid !== UID) return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };

    if (context.action === 'create' || context.action === 'update') {
      const stored = params.documentId ? await draftOf(params.documentId) : null;
      const published = params.documentId ? await lastPublished(params.documentId) : null;
      params.data = await checkSave(params.data ?? {}, stored, published);
      return next();
    }

    // The admin's 复制 (and the Document Service's clone): the copy is a new draft, checked as one.
    if (context.action === 'clone' && params.documentId) {
      const source = await draftOf(params.documentId);
      if (source) {
        const { id: _id, documentId: _documentId, publishedAt: _publishedAt, ...content } = source;
        // A copy is a new report: it is not archived unless the copier (with the right) says so.
        const data = await checkSave(
          params.data ?? {},
          { ...content, correctionNote: null, archivedAsPublished: false, archivedFindings: null } as Report,
          null,
        );
        // A copy is a new report: it carries no correction of the one it was copied from.
        params.data = { correctionNote: null, ...data };
      }
      return next();
    }

    if (context.action === 'publish' && typeof params.documentId === 'string') {
      const { documentId } = params;
      return strapi.db.transaction(async () => {
        const draft = await draftOf(documentId);
        if (!draft) return next();
        const version = versionOf(draft.year);
        const published = await lastPublished(documentId);
        assertVersionKept(published, version);
        // Publishing asks for the whole form: every cell filled in (or marked 不适用).
        const archived = draft.archivedAsPublished === true;
        const findings = validateReport(figures(draft, version), {
          previous: await previousOf(draft.agency?.documentId, Number(draft.year)),
          complete: true,
        });
        const { refused, kept } = archiveSplit(findings, archived, draft.archivedFindings);
        rejectFindings(refused);
        const keptNow = kept.length > 0 ? kept.map(archivedFinding) : null;
        if (archived && canonical(keptNow) !== canonical(draft.archivedFindings ?? null)) {
          // The year before was published since the last save (R7): what is published says so.
          await strapi.db.query(UID).update({ where: { documentId, publishedAt: null }, data: { archivedFindings: keptNow } });
        }
        const changed = published && CONTENT.some((field) => contentOf(published, field) !== contentOf(draft, field));
        const note = typeof draft.correctionNote === 'string' ? draft.correctionNote.trim() : '';
        if (changed && (!note || note === String(published.correctionNote ?? '').trim())) {
          reject('已发布的年度报告修改后重新发布，须填写新的“更正说明”，写明更正的内容和原因', [
            { path: ['correctionNote'], message: '请填写本次更正的内容和原因（将在门户上与报告一并公开）' },
          ]);
        }
        const result = await next();
        await writeRecord(documentId, { ...draft, templateVersion: version });
        return result;
      });
    }

    // A report published before records were kept gets one as it is withdrawn, so its next
    // publish is still compared with what the public saw.
    if (context.action === 'unpublish' && typeof params.documentId === 'string') {
      const { documentId } = params;
      return strapi.db.transaction(async () => {
        const current = (await reports().findOne({ documentId, status: 'published' } as never)) as Report | null;
        if (current && (await strapi.db.query(RECORD).count({ where: { contentType: UID, targetDocumentId: documentId } })) === 0) {
          await writeRecord(documentId, current);
        }
        return next();
      });
    }

    return next();
  });
}

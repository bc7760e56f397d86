import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  reportTemplates,
  templateVersionForYear,
  validateReport,
  type Finding,
  type ReportFigures,
  type TemplateVersion,
} from '@portal/shared';

const UID = 'api::annual-report.annual-report';
const TABLES = ['proactiveTable', 'requestTable', 'reviewTable'] as const;
const OVERVIEW = ['overview', 'overviewProactive', 'overviewOnRequest', 'overviewManagement', 'overviewPlatform', 'overviewSupervision'] as const;
/** What a correction changes; a publish that changes any of these needs a new 更正说明. */
const CONTENT = ['year', ...TABLES, ...OVERVIEW, 'problems', 'otherMatters'] as const;

type Report = Record<string, unknown> & { documentId?: string; year?: number; templateVersion?: string; agency?: { documentId: string } | null };

function figures(report: Report, version: TemplateVersion): ReportFigures {
  return {
    year: Number(report.year),
    templateVersion: version,
    proactiveTable: report.proactiveTable as ReportFigures['proactiveTable'],
    requestTable: report.requestTable as ReportFigures['requestTable'],
    reviewTable: report.reviewTable as ReportFigures['reviewTable'],
    moneyUnits: report.moneyUnits,
    overviewTexts: OVERVIEW.map((field) => report[field]),
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
  reject(`年度报告未通过校验：${shown.join('；')}${more}`, errorsFound.map((f) => ({ path: [f.table], message: `${f.message}［${f.rule}］` })));
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

export function registerAnnualReportValidation(strapi: Core.Strapi): void {
  const reports = () => strapi.documents(UID);

  const previousOf = async (agency: string | undefined, year: number): Promise<ReportFigures | null> => {
    if (!agency) return null;
    const found = (await reports().findFirst({
      status: 'published',
      filters: { agency: { documentId: agency }, year: year - 1 },
    } as never)) as Report | null;
    const version = found && templateVersionForYear(Number(found.year));
    return found && version ? figures(found, version) : null;
  };

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

  strapi.documents.use(async (context, next) => {
    if (context.uid !== UID) return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };

    if (context.action === 'create' || context.action === 'update') {
      const data = params.data ?? {};
      const stored = params.documentId
        ? ((await reports().findOne({ documentId: params.documentId, status: 'draft', populate: ['agency'] } as never)) as Report | null)
        : null;
      const merged: Report = { ...(stored ?? {}), ...data };
      const version = versionOf(merged.year);
      const published = params.documentId
        ? ((await reports().findOne({ documentId: params.documentId, status: 'published' } as never)) as Report | null)
        : null;
      assertVersionKept(published, version);
      const findings = validateReport(figures(merged, version), { previous: await previousOf(agencyOf(data, stored), Number(merged.year)) });
      rejectFindings(findings);
      // The version follows from the year; warnings are kept for the editor to read.
      params.data = { ...data, templateVersion: version, findings: findings.length > 0 ? findings : null };
      return next();
    }

    if (context.action === 'publish' && params.documentId) {
      const draft = (await reports().findOne({ documentId: params.documentId, status: 'draft', populate: ['agency'] } as never)) as Report | null;
      if (draft) {
        const version = versionOf(draft.year);
        const published = (await reports().findOne({ documentId: params.documentId, status: 'published' } as never)) as Report | null;
        assertVersionKept(published, version);
        // Publishing asks for the whole form: every cell filled in (or marked 不适用).
        rejectFindings(validateReport(figures(draft, version), { previous: await previousOf(draft.agency?.documentId, Number(draft.year)), complete: true }));
        const changed = published && CONTENT.some((field) => JSON.stringify(published[field] ?? null) !== JSON.stringify(draft[field] ?? null));
        const note = typeof draft.correctionNote === 'string' ? draft.correctionNote.trim() : '';
        if (changed && (!note || note === String(published.correctionNote ?? '').trim())) {
          reject('已发布的年度报告修改后重新发布，须填写新的“更正说明”，写明更正的内容和原因', [
            { path: ['correctionNote'], message: '请填写本次更正的内容和原因（将在门户上与报告一并公开）' },
          ]);
        }
      }
      return next();
    }

    return next();
  });
}

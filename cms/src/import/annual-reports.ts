import type { Core } from '@strapi/strapi';
import {
  closingFields,
  fixLookAlikes,
  overviewFields,
  splitErrorsForArchive,
  type ArchivedFinding,
  type ImportedReport,
  type ImportSectionKey,
} from '@portal/shared';
import { paragraphs } from '../demo/blocks';

/*
 * An imported annual report (shared/src/import) → a draft in the CMS, through the Document Service,
 * so the 勾稽关系 middleware, the 原样归档 rule and the audit log apply as for any save. One draft
 * per agency and year: importing again updates it. Used by `npm run import:reports -- --save` (in
 * this process, no request) and by the admin's 导入年度报告 page (in an admin request, so the
 * middleware checks that user's rights).
 */

const UID = 'api::annual-report.annual-report';
const AGENCY = 'api::agency.agency';
const SECTIONS: readonly ImportSectionKey[] = [...overviewFields, ...closingFields];

export type SaveOutcome = {
  file: string;
  status: 'created' | 'updated' | 'refused';
  /** In Chinese: what was done, or why nothing was. */
  message: string;
  documentId?: string;
  agency?: string;
  year?: number;
  archived?: boolean;
  /** The inconsistencies kept with an archived report. */
  kept?: ArchivedFinding[];
};

type Agency = { documentId: string; name: string; shortName?: string | null };

const normal = (name: string) => fixLookAlikes(name.replace(/[\s\u3000]/g, '')).text;

/** The agency a report names: its full name, else its short name, as the CMS has them. */
export async function findAgency(strapi: Core.Strapi, name: string): Promise<Agency | undefined> {
  const agencies = (await strapi
    .documents(AGENCY)
    .findMany({ fields: ['name', 'shortName'], limit: 10_000 } as never)) as unknown as Agency[];
  const wanted = normal(name);
  return agencies.find((a) => normal(a.name) === wanted) ?? agencies.find((a) => a.shortName && normal(a.shortName) === wanted);
}

function refused(report: ImportedReport, message: string): SaveOutcome {
  return {
    file: report.file,
    status: 'refused',
    message,
    ...(report.agency ? { agency: report.agency } : {}),
    ...(report.year ? { year: report.year } : {}),
  };
}

/** Saves one imported report as a draft; nothing is stored when it is refused. */
export async function saveImportedReport(
  strapi: Core.Strapi,
  report: ImportedReport,
  { archive = false }: { archive?: boolean } = {},
): Promise<SaveOutcome> {
  if (!report.year || !report.templateVersion) return refused(report, `“${report.file}”：找不到报告年度或格式版本，未导入`);
  if (!report.agency) return refused(report, `“${report.file}”：找不到发布机构（报告标题或落款中的机构名称），未导入`);
  const agency = await findAgency(strapi, report.agency);
  if (!agency) {
    return refused(
      report,
      `“${report.file}”：内容管理中没有名为“${report.agency}”的机构，未导入；请先在“机构”中新建该机构（或改正其名称）后再导入`,
    );
  }
  const { kept, refused: never } = splitErrorsForArchive(report.findings);
  if (never.length > 0) {
    return refused(
      report,
      `“${report.file}”：有 ${never.length} 处单元格内容不符合格式，未导入（原样归档也不能保存）：${never
        .slice(0, 3)
        .map((f) => f.message)
        .join('；')}`,
    );
  }
  if (kept.length > 0 && !archive) {
    return refused(
      report,
      `“${report.file}”：原报告有 ${kept.length} 处勾稽关系不一致，未导入：${kept
        .slice(0, 3)
        .map((f) => f.message)
        .join('；')}${kept.length > 3 ? '……' : ''}。` +
        '如确为原发布内容，可按原样归档导入（命令行加 --archive，须由具有“原样归档”权限的人员操作）',
    );
  }

  const data: Record<string, unknown> = {
    agency: agency.documentId,
    year: report.year,
    ...(report.title ? { title: report.title } : {}),
    ...(report.publishDate ? { publishDate: report.publishDate } : {}),
    proactiveTable: report.proactiveTable,
    requestTable: report.requestTable,
    reviewTable: report.reviewTable,
    moneyUnits: Object.keys(report.moneyUnits).length > 0 ? report.moneyUnits : null,
    ...Object.fromEntries(SECTIONS.filter((key) => report.sections[key]?.length).map((key) => [key, paragraphs(...report.sections[key]!)])),
    ...(archive ? { archivedAsPublished: true } : {}),
  };
  const existing = (await strapi
    .documents(UID)
    .findFirst({ filters: { agency: { documentId: agency.documentId }, year: report.year }, fields: ['documentId'] } as never)) as {
    documentId: string;
  } | null;
  let saved: { documentId: string; archivedAsPublished?: boolean; archivedFindings?: ArchivedFinding[] | null };
  try {
    saved = existing
      ? ((await strapi.documents(UID).update({ documentId: existing.documentId, data } as never)) as unknown as typeof saved)
      : ((await strapi.documents(UID).create({ data } as never)) as unknown as typeof saved);
  } catch (error) {
    return refused(report, `“${report.file}”：内容管理拒绝保存：${error instanceof Error ? error.message : String(error)}`);
  }
  const archived = saved.archivedAsPublished === true;
  const keptStored = saved.archivedFindings ?? [];
  const what = existing ? '已更新草稿' : '已新建草稿';
  const archiveNote = archived
    ? `（原样归档${keptStored.length ? `，保留 ${keptStored.length} 处不一致：${keptStored.map((f) => f.cell).join('、')}` : ''}）`
    : '';
  return {
    file: report.file,
    status: existing ? 'updated' : 'created',
    message: `“${report.file}”：${what}“${report.title ?? `${agency.name}${report.year}年度报告`}”，机构 ${agency.name}，${report.year} 年度${archiveNote}；请在内容管理中核对后发布`,
    documentId: saved.documentId,
    agency: agency.name,
    year: report.year,
    archived,
    kept: keptStored,
  };
}

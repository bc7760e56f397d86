import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  chinaToday,
  draftAnnualReport,
  reportTemplates,
  templateVersionForYear,
  type PolicyRecord,
  type ReportFigures,
  type RequestRecord,
} from '@portal/shared';
import { REQUEST_UID } from './middleware';

/*
 * “生成年报草稿” (POST /annual-report-drafts, an admin route): for an agency and a year, creates the
 * annual report as a draft with the figures the records hold (shared/src/report/draft.ts). Only
 * for those who may create annual reports; never over an existing report of that agency and year.
 * The draft goes through the Document Service, so the report's own validation and the audit log
 * see it as any other save.
 */

const REPORT = 'api::annual-report.annual-report';
const POLICY = 'api::policy-item.policy-item';

type Context = {
  request: { body?: unknown };
  state: { userAbility?: { can: (action: string, subject: string) => boolean } };
  status: number;
  body: unknown;
};

const refuse = (ctx: Context, status: number, message: string) => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name: 'ReportDraftError', message, details: {} } };
};

export function registerReportDraftRoute(strapi: Core.Strapi): void {
  const generate = async (ctx: Context) => {
    if (!ctx.state.userAbility?.can('plugin::content-manager.explorer.create', REPORT))
      return refuse(ctx, 403, '只有可以新建年度报告的人员（信息公开编辑、管理员）才能生成年报草稿。');
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const year = Number(body.year);
    const thisYear = Number(chinaToday().slice(0, 4));
    const first = Math.min(...Object.values(reportTemplates).map((t) => t.firstYear));
    if (!Number.isInteger(year) || year < first || year > thisYear || !templateVersionForYear(year))
      return refuse(ctx, 400, `年度应为 ${first}—${thisYear} 之间的年份，实为“${String(body.year ?? '')}”。`);
    const agencyId = typeof body.agency === 'string' ? body.agency.slice(0, 40) : '';
    const agency = agencyId
      ? ((await strapi.documents('api::agency.agency').findOne({ documentId: agencyId, fields: ['name'] } as never)) as {
          documentId: string;
          name: string;
        } | null)
      : null;
    if (!agency) return refuse(ctx, 400, '请选择要生成年报草稿的机构。');
    const existing = (await strapi.documents(REPORT).findFirst({ filters: { agency: { documentId: agencyId }, year } } as never)) as {
      documentId: string;
    } | null;
    if (existing) return refuse(ctx, 409, `${agency.name}${year}年度报告已经存在（草稿或已发布），不再生成；请在年度报告中直接编辑它。`);

    const requests = (await strapi.db.query(REQUEST_UID).findMany({
      where: { agency: { documentId: agencyId } },
      select: ['applicantKind', 'receivedAt', 'repliedAt', 'outcome'],
    })) as RequestRecord[];
    const policies = (await strapi.db.query(POLICY).findMany({
      where: { agency: { documentId: agencyId }, publishedAt: { $notNull: true }, documentClass: { $notNull: true } },
      select: ['documentClass', 'writtenDate', 'publishDate', 'validity', 'invalidDate'],
    })) as PolicyRecord[];
    const previous = (await strapi
      .documents(REPORT)
      .findFirst({ status: 'published', filters: { agency: { documentId: agencyId }, year: year - 1 } } as never)) as
      (ReportFigures & { templateVersion?: string }) | null;
    const draft = draftAnnualReport({ year, requests, policies, previous: previous?.templateVersion ? previous : null });
    try {
      const created = (await strapi.documents(REPORT).create({
        data: {
          agency: agencyId,
          year,
          title: `${agency.name}${year}年政府信息公开工作年度报告`,
          proactiveTable: draft.proactiveTable,
          requestTable: draft.requestTable,
          reviewTable: draft.reviewTable,
        },
      } as never)) as { documentId: string };
      ctx.status = 201;
      ctx.body = { data: { documentId: created.documentId, templateVersion: draft.templateVersion, notes: draft.notes } };
    } catch (error) {
      if (error instanceof errors.ValidationError) return refuse(ctx, 400, `草稿未生成：${error.message}`);
      throw error;
    }
  };

  strapi.server.routes({
    type: 'admin',
    routes: [{ method: 'POST', path: '/annual-report-drafts', handler: generate, config: { policies: ['admin::isAuthenticatedAdmin'] } }],
  } as never);
}

// @ts-check
'use strict';

/*
 * Server half of the report-grid plugin: registers the custom field the annual report's three
 * statistics tables use, and one admin route the grid calls to check R5–R7 while the editor types.
 * The stored data is plain JSON (`data[rowKey][columnKey] = number | null`), exactly as before;
 * only the admin input changes. Plain CommonJS so that Strapi loads it from the source folder with
 * no build step (see ./README.md).
 */

const REPORT_UID = 'api::annual-report.annual-report';
/** Registered by cms/src/validation/annual-report.ts (PREVIOUS_REPORT_SERVICE): the lookup a save uses. */
const PREVIOUS_REPORT_SERVICE = 'annual-report.previous-report';
/** Longer is not an id or a year the grid sends: refuse it rather than query with it. */
const MAX_PARAM = 64;

/** @param {{ strapi: import('@strapi/strapi').Core.Strapi }} context */
function register({ strapi }) {
  strapi.customFields.register({
    name: 'report-table',
    plugin: 'report-grid',
    type: 'json',
    inputSize: { default: 12, isResizable: false },
  });
}

/** @param {unknown} value */
function param(value) {
  return typeof value === 'string' && value.length <= MAX_PARAM && /^[A-Za-z0-9_-]*$/.test(value) ? value : undefined;
}

/**
 * GET /report-grid/previous-report?year=2020&documentId=…&agency=…: the same agency's published
 * report of the year before (only its year, version and tables), or `{ data: null }`.
 */
const controllers = {
  previous: ({ strapi }) => ({
    /** @param {any} ctx */
    async find(ctx) {
      const ability = ctx.state.userAbility;
      if (!ability || !ability.can('plugin::content-manager.explorer.read', REPORT_UID)) {
        ctx.status = 403;
        ctx.body = { error: { status: 403, name: 'ForbiddenError', message: '没有查看年度报告的权限，无法载入上年报告' } };
        return;
      }
      const { year: yearText, documentId, agency } = ctx.query ?? {};
      const year = typeof yearText === 'string' && /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
      const badId = (documentId !== undefined && param(documentId) === undefined) || (agency !== undefined && param(agency) === undefined);
      if (!Number.isInteger(year) || badId) {
        ctx.status = 400;
        ctx.body = {
          error: {
            status: 400,
            name: 'ValidationError',
            message: '请求上年报告的参数有误：year 应为四位年份，documentId 与 agency 应为文档编号',
          },
        };
        return;
      }
      if (!strapi.has(PREVIOUS_REPORT_SERVICE)) {
        ctx.body = { data: null };
        return;
      }
      /** @type {(input: { documentId?: unknown; agency?: unknown; year: number }) => Promise<unknown>} */
      const previousReport = strapi.get(PREVIOUS_REPORT_SERVICE);
      ctx.body = { data: await previousReport({ documentId: param(documentId) || undefined, agency: param(agency) || undefined, year }) };
    },
  }),
};

const routes = {
  admin: {
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: '/previous-report',
        handler: 'previous.find',
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  },
};

module.exports = { register, controllers, routes };

// @ts-check
'use strict';

/*
 * Server half of the report-grid plugin: registers the custom field the annual report's three
 * statistics tables use. The stored data is plain JSON (`data[rowKey][columnKey] = number | null`),
 * exactly as before; only the admin input changes. Plain CommonJS so that Strapi loads it from
 * the source folder with no build step (see ./README.md).
 */

/** @param {{ strapi: import('@strapi/strapi').Core.Strapi }} context */
function register({ strapi }) {
  strapi.customFields.register({
    name: 'report-table',
    plugin: 'report-grid',
    type: 'json',
    inputSize: { default: 12, isResizable: false },
  });
}

module.exports = { register };

import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';

/*
 * Admin half of the report-grid plugin: the custom field `plugin::report-grid.report-table`.
 * Strapi's admin build bundles this file from source (the plugin's package.json exports
 * `./strapi-admin` → this file), so the plugin has no build step of its own.
 */

export const PLUGIN_ID = 'report-grid';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: '年度报告表格' });
    app.customFields.register({
      name: 'report-table',
      pluginId: PLUGIN_ID,
      type: 'json',
      intlLabel: { id: `${PLUGIN_ID}.report-table.label`, defaultMessage: '年度报告统计表' },
      intlDescription: {
        id: `${PLUGIN_ID}.report-table.description`,
        defaultMessage: '按国家统一格式填写年度报告的表二、表三或表四（属性 options.table 指定哪一张表）',
      },
      components: {
        // Strapi types the lazy Input as a component without props; the content manager passes the
        // field's props (name, value, onChange, attribute, …) that ReportGridInput declares.
        Input: async () => ({ default: (await import('./ReportGridInput')).default as unknown as ComponentType }),
      },
    });
  },
};

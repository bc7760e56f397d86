import { leafRows } from '../report/template.js';
import { reportTemplates } from '../report/templates.js';
import type { TemplateVersion } from '../report/template.js';

/** The data rows of table 三 in a format, top to bottom. */
export function requestTableRowKeys(version: TemplateVersion): string[] {
  const table = reportTemplates[version].tables.find((t) => t.field === 'requestTable')!;
  return table.blocks.flatMap((b) => leafRows(b.rows).map((r) => r.key!));
}

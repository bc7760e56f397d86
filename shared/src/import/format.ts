import { reportTemplates } from '../report/templates.js';
import { APPLICANT_GROUP_LABEL, type ColumnNode, type RowNode, type TableField } from '../report/template.js';
import type { ImportedCell, ImportedReport } from './types.js';

/*
 * The import report for people: what was read, derived, left uncertain or missing, cell by
 * cell with the source line, then the flags and the 勾稽关系 findings.
 */

const statusNames: Record<ImportedCell['status'], string> = { read: '读取', derived: '推出', uncertain: '待定', missing: '缺失' };
const tableNames: Record<TableField, string> = { proactiveTable: '表二', requestTable: '表三', reviewTable: '表四' };

function labeller(report: ImportedReport): { row: (c: ImportedCell) => string; column: (c: ImportedCell) => string } {
  const template = report.templateVersion ? reportTemplates[report.templateVersion] : undefined;
  const rows = new Map<string, string>();
  const columns = new Map<string, string>();
  // Leaves repeat (1.–5. under several groups, 总计 three times in 表四): name them with their groups.
  const walkRows = (field: string, nodes: readonly RowNode[], path: string[]) => {
    for (const r of nodes) {
      if (r.children?.length) walkRows(field, r.children, r.group ? path : [...path, r.label]);
      else rows.set(`${field}.${r.key}`, [...path, r.label].join(' '));
    }
  };
  const walkColumns = (field: string, nodes: readonly ColumnNode[], path: string[]) => {
    for (const c of nodes) {
      if (c.children?.length)
        walkColumns(field, c.children, c.label === APPLICANT_GROUP_LABEL || c.label === '法人或其他组织' ? path : [...path, c.label]);
      else columns.set(`${field}.${c.key}`, [...path, c.label].join(' '));
    }
  };
  for (const t of template?.tables ?? []) {
    for (const b of t.blocks) {
      walkRows(t.field, b.rows, []);
      walkColumns(t.field, b.columns, []);
    }
  }
  return {
    row: (c) => (c.table === 'reviewTable' ? tableNames[c.table] : `${tableNames[c.table]} ${rows.get(`${c.table}.${c.row}`) ?? c.row}`),
    column: (c) => columns.get(`${c.table}.${c.column}`) ?? c.column,
  };
}

const show = (v: ImportedCell['value']) => (v === null ? '/' : String(v));

export function formatImportReport(report: ImportedReport): string {
  const out: string[] = [];
  out.push(`══ ${report.file || '（未命名）'} ══`);
  out.push(
    `机构：${report.agency ?? '（未识别）'}　年度：${report.year ?? '（未识别）'}　格式：${report.templateVersion ? `${report.templateVersion} 年格式` : '（未识别）'}`,
  );
  if (report.title) out.push(`标题：${report.title}`);
  if (report.publishDate) out.push(`成文日期：${report.publishDate}`);
  const sectionNames: Record<string, string> = {
    overview: '一、总体情况',
    overviewProactive: '（一）主动公开',
    overviewOnRequest: '（二）依申请公开',
    overviewManagement: '（三）政府信息管理',
    overviewPlatform: '（四）平台建设',
    overviewSupervision: '（五）监督保障',
    problems: '五、存在的主要问题及改进情况',
    otherMatters: '六、其他需要报告的事项',
  };
  const found = Object.entries(report.sections).map(([k, ps]) => `${sectionNames[k] ?? k}（${ps?.length ?? 0} 段）`);
  if (found.length) out.push(`章节：${found.join('、')}`);
  if (report.cells.length) {
    const count = (s: ImportedCell['status']) => report.cells.filter((c) => c.status === s).length;
    out.push(
      `单元格：共 ${report.cells.length} 个；读取 ${count('read')}，推出 ${count('derived')}，待定 ${count('uncertain')}，缺失 ${count('missing')}`,
    );
    const name = labeller(report);
    for (const status of ['derived', 'uncertain', 'missing', 'read'] as const) {
      const cells = report.cells.filter((c) => c.status === status);
      if (!cells.length) continue;
      out.push(`— ${statusNames[status]}（${cells.length}）`);
      // One line per row: the cells of a row that share status, rule, note and source line.
      const lines = new Map<string, { head: ImportedCell; items: string[] }>();
      for (const c of cells) {
        const unit = report.moneyUnits[`${c.table}.${c.row}.${c.column}`];
        const value =
          status === 'uncertain'
            ? ` 可能为 ${c.alternatives?.length ? c.alternatives.map(show).join(' 或 ') : '（无法确定）'}`
            : status === 'missing'
              ? ''
              : ` ${show(c.value)}${unit ? ` ${unit}` : ''}`;
        const group = [c.table, c.row, c.rule, c.note, c.source?.line].join('\u0000');
        const line = lines.get(group) ?? lines.set(group, { head: c, items: [] }).get(group)!;
        line.items.push(`${name.column(c)}${value}`);
      }
      for (const { head, items } of lines.values()) {
        const parts = [`  ${name.row(head)}：${items.join('，')}`];
        if (head.rule && status !== 'read') parts.push(`依据 ${head.rule}`);
        if (head.note) parts.push(head.note);
        if (head.source) parts.push(`第 ${head.source.line} 行`);
        out.push(parts.join('；'));
      }
    }
  }
  out.push(`提示（${report.flags.length}）`);
  for (const f of report.flags) out.push(`  [${f.code}] ${f.message}`);
  out.push(`勾稽关系校验（${report.findings.length}）`);
  for (const f of report.findings) out.push(`  ${f.severity === 'error' ? '错误' : '提示'} ${f.rule}：${f.message}`);
  return out.join('\n');
}

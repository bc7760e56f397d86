import type { Finding } from './validate.js';
import type { TableField } from './template.js';

/*
 * 原样归档 (archive as published): a historical report may be stored and published as it was
 * originally published, inconsistencies included. What an archive may keep is one rule, here:
 * the CMS middleware, the importer's `--save --archive`, the admin import page and the portal's
 * notice all read it.
 *
 * - Kept: errors of the 勾稽关系 between cells (R1–R7, R9 at error severity): the figures as
 *   printed do not add up. They are stored with the report (`archivedFindings`), shown to the
 *   editor and published with a notice naming the cells.
 * - Never kept: R8, what a cell may hold (a number, in the format, filled in before publishing).
 *   A cell that is not a number is not “as published”; it is a typing or import error, and the
 *   portal could not draw it. These are refused as for every report.
 * - Warnings stay warnings.
 */

/** The first words of the portal's notice on an archived report with kept findings. */
export const ARCHIVE_NOTICE_LEAD = '原报告数据存在以下不一致：本报告按原发布内容存档，所列数据未作更正。';

/** One kept finding as stored and published: the rule, the cell as the validator names it, the message. */
export type ArchivedFinding = {
  rule: Finding['rule'];
  table: TableField;
  row: string;
  column: string;
  /** The cell (or cells of a sum) as the validator names them: `表三 （七）总计 · 总计`. */
  cell: string;
  expected?: number;
  actual?: number;
  message: string;
};

/** Whether an archive keeps this finding (an error between cells) instead of refusing it. */
export function keptByArchive(finding: Finding): boolean {
  return finding.severity === 'error' && finding.rule !== 'R8';
}

/** The errors of a report split into what an archive keeps and what is refused regardless. */
export function splitErrorsForArchive(findings: readonly Finding[]): { kept: Finding[]; refused: Finding[] } {
  const errors = findings.filter((f) => f.severity === 'error');
  return { kept: errors.filter(keptByArchive), refused: errors.filter((f) => !keptByArchive(f)) };
}

/** A finding in its stored form; the cell name is the part of the message before its first “：”. */
export function archivedFinding(finding: Finding): ArchivedFinding {
  const colon = finding.message.indexOf('：');
  return {
    rule: finding.rule,
    table: finding.table,
    row: finding.row,
    column: finding.column,
    cell: colon > 0 ? finding.message.slice(0, colon) : finding.message,
    ...(typeof finding.expected === 'number' ? { expected: finding.expected } : {}),
    ...(typeof finding.actual === 'number' ? { actual: finding.actual } : {}),
    message: finding.message,
  };
}

/**
 * The notice the portal prints on an archived report: the lead and one line per kept finding, or
 * null when there is nothing to say. Reads the stored JSON defensively (it comes over GraphQL).
 */
export function archiveNotice(
  archivedAsPublished: unknown,
  stored: unknown,
): { lead: string; items: Array<{ cell: string; message: string }> } | null {
  if (archivedAsPublished !== true || !Array.isArray(stored)) return null;
  const items = stored
    .filter((f): f is { cell: unknown; message: unknown } => Boolean(f) && typeof f === 'object')
    .filter((f) => typeof f.message === 'string' && f.message.length > 0)
    .map((f) => ({ cell: typeof f.cell === 'string' ? f.cell : '', message: f.message as string }));
  return items.length > 0 ? { lead: ARCHIVE_NOTICE_LEAD, items } : null;
}

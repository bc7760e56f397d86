import { groupRows, rowName, type TableTemplate, type TemplateVersion } from '../report/template.js';
import { reportTemplates } from '../report/templates.js';

/*
 * A reply's outcome is a row of table 三 (三、本年度办理结果): one list, taken from the 2021 form,
 * which splits （六）其他处理 into three; a 2019-format report counts those three in its single
 * （六） row. The annual report's counting (part 8) and the CMS's outcome field both read this.
 */

const requestTable = (version: TemplateVersion): TableTemplate => reportTemplates[version].tables.find((t) => t.field === 'requestTable')!;

const rows2021 = groupRows(requestTable('2021'), 'outcomes').filter((r) => r.key !== 'handledTotal');

/** Outcome key → its row name in table 三 (e.g. “（三）不予公开 1.属于国家秘密”). */
export const requestOutcomes: Readonly<Record<string, string>> = Object.fromEntries(
  rows2021.map((r) => [r.key!, rowName(requestTable('2021'), r.key!)]),
);
export const requestOutcomeKeys: readonly string[] = rows2021.map((r) => r.key!);
export const isRequestOutcome = (v: unknown): v is string => typeof v === 'string' && Object.hasOwn(requestOutcomes, v);

const OTHER_2021 = new Set(['otherNoCorrection', 'otherUnpaidFee', 'otherHandlingOther']);

/** The row of table 三 that counts an outcome in a report of the given format. */
export function outcomeRow(outcome: string, version: TemplateVersion): string {
  if (!isRequestOutcome(outcome)) throw new Error(`未知的办理结果“${outcome}”`);
  return version === '2019' && OTHER_2021.has(outcome) ? 'otherHandling' : outcome;
}

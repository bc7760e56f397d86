import { MONEY_DECIMALS, type CellKind, type CellValue } from './template.js';

/**
 * How a stored cell is printed: `/` for 不适用, empty for not filled in, numbers as the form prints
 * them (amounts with every decimal stored, up to MONEY_DECIMALS; the unit is in the column header).
 */
export function formatCell(value: CellValue | undefined, kind: CellKind): string {
  if (value === undefined) return '';
  if (value === null) return '/';
  if (kind === 'money') return value.toLocaleString('zh-CN', { maximumFractionDigits: MONEY_DECIMALS });
  return String(value);
}

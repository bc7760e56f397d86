import type { CellKind, CellValue } from './template.js';

/** How a stored cell is printed: `/` for 不适用, empty for not filled in, numbers as the form prints them. */
export function formatCell(value: CellValue | undefined, kind: CellKind): string {
  if (value === undefined) return '';
  if (value === null) return '/';
  if (kind === 'money') return value.toLocaleString('zh-CN', { maximumFractionDigits: 4 });
  return String(value);
}

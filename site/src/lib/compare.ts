import {
  MAX_COMPARE_LINES,
  compareLines,
  readCompareSelection,
  type CompareChoices,
  type CompareLine,
  type CompareSelection,
  type ComparableReport,
} from '@portal/shared';
import { agencies, reports } from './content.ts';

/*
 * 年度报告数据对比, on demand: the page and its CSV answer from the release's own content
 * collections (the snapshot the release was built with), never from the CMS.
 */

/** Most cells one page shows; more is offered as the CSV, which holds up to MAX_COMPARE_LINES. */
export const MAX_TABLE_CELLS = 3_000;

export type Comparison = {
  choices: CompareChoices;
  selection: CompareSelection;
  /** Agencies × years × figures chosen. */
  size: number;
  lines: CompareLine[];
};

/** The agencies with a published report and their years, and the selection the address asks for. */
export async function comparison(params: URLSearchParams): Promise<Comparison> {
  const published: ComparableReport[] = (await reports()).flatMap((r) =>
    r.agency ? [{ ...r, agency: { slug: r.agency.slug, name: r.agency.name } }] : [],
  );
  const withReports = new Set(published.map((r) => r.agency.slug));
  const choices: CompareChoices = {
    agencies: (await agencies()).filter((a) => withReports.has(a.slug)).map((a) => ({ slug: a.slug, name: a.name })),
    years: [...new Set(published.map((r) => r.year))].sort((a, b) => a - b),
  };
  const selection = readCompareSelection(params, choices);
  // Bounded by what can be chosen (each value counts once), so even "everything" is a known size.
  const size = selection.agencies.length * selection.years.length * selection.figures.length;
  if (size > MAX_COMPARE_LINES)
    selection.errors.push(`所选范围共 ${size} 项数据，超过单次对比的上限 ${MAX_COMPARE_LINES} 项：请减少机构、年度或指标后重试。`);
  return { choices, selection, size, lines: selection.errors.length ? [] : compareLines(selection, choices, published) };
}

/** The address of a selection (page or CSV), parameters in the order of the choices. */
export function selectionQuery(selection: Pick<CompareSelection, 'agencies' | 'years' | 'figures'>): string {
  const params = new URLSearchParams();
  for (const a of selection.agencies) params.append('agency', a);
  for (const y of selection.years) params.append('year', String(y));
  for (const f of selection.figures) params.append('row', f.id);
  return params.toString();
}

/** The answer to anything but GET and HEAD: the form sends GET, so every comparison has an address. */
export function methodNotAllowed(): Response {
  return new Response('不支持此请求方式：请使用页面上的表单查询（GET）。\r\n', {
    status: 405,
    headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
  });
}

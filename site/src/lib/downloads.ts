import type { ExportableReport } from '@portal/shared';
import { reports, type Report } from './content.ts';

/*
 * Open data downloads of the annual reports: each report, and every report of a year, as JSON,
 * CSV and XLSX (pages/reports/[agency]/[year].*.ts and pages/open-data/annual-reports/[year].*.ts).
 */

export type DownloadFormat = 'json' | 'csv' | 'xlsx';

export const downloadFormats: ReadonlyArray<{ format: DownloadFormat; label: string }> = [
  { format: 'json', label: 'JSON' },
  { format: 'csv', label: 'CSV（Excel 可直接打开）' },
  { format: 'xlsx', label: 'Excel（XLSX，官方表样）' },
];

export const downloadUrls = {
  report: (slug: string, year: number, format: DownloadFormat) => `/reports/${slug}/${year}.${format}`,
  year: (year: number, format: DownloadFormat) => `/open-data/annual-reports/${year}.${format}`,
};

export const contentTypes: Record<DownloadFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The portal's report as open data input (a report without an agency is not on the portal). */
export function exportable(report: Report): ExportableReport {
  return { ...report, agency: { name: report.agency!.name, slug: report.agency!.slug } };
}

/** Static paths of every report's downloads. */
export async function reportPaths() {
  return (await reports())
    .filter((r) => r.agency)
    .map((report) => ({ params: { agency: report.agency!.slug, year: String(report.year) }, props: { reports: [exportable(report)] } }));
}

/** Static paths of each year's bulk downloads (every agency's report of that year). */
export async function yearPaths() {
  const byYear = new Map<number, ExportableReport[]>();
  for (const report of (await reports()).filter((r) => r.agency)) {
    (byYear.get(report.year) ?? byYear.set(report.year, []).get(report.year)!).push(exportable(report));
  }
  return [...byYear].map(([year, list]) => ({
    params: { year: String(year) },
    props: { year, reports: list.sort((a, b) => a.agency.name.localeCompare(b.agency.name, 'zh-CN')) },
  }));
}

/** One report (`year` absent) or a year's bulk download. */
export type DownloadProps = { reports: ExportableReport[]; year?: number };

import type { APIRoute } from 'astro';
import { reportsWorkbook } from '../../../lib/xlsx.ts';
import { contentTypes, reportPaths, type DownloadProps } from '../../../lib/downloads.ts';

export const getStaticPaths = reportPaths;

export const GET: APIRoute<DownloadProps> = async ({ props }) =>
  new Response(await reportsWorkbook(props.reports, 'year'), { headers: { 'content-type': contentTypes.xlsx } });

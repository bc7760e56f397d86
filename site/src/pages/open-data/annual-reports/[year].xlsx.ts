import type { APIRoute } from 'astro';
import { reportsWorkbook } from '../../../lib/xlsx.ts';
import { contentTypes, yearPaths, type DownloadProps } from '../../../lib/downloads.ts';

export const getStaticPaths = yearPaths;

export const GET: APIRoute<DownloadProps> = async ({ props }) =>
  new Response(await reportsWorkbook(props.reports, 'agency'), { headers: { 'content-type': contentTypes.xlsx } });

import type { APIRoute } from 'astro';
import { reportsCsv } from '@portal/shared';
import { contentTypes, reportPaths, type DownloadProps } from '../../../lib/downloads.ts';

export const getStaticPaths = reportPaths;

export const GET: APIRoute<DownloadProps> = ({ props }) =>
  new Response(reportsCsv(props.reports), { headers: { 'content-type': contentTypes.csv } });

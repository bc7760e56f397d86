import type { APIRoute } from 'astro';
import { reportsCsv } from '@portal/shared';
import { contentTypes, yearPaths, type DownloadProps } from '../../../lib/downloads.ts';

export const getStaticPaths = yearPaths;

export const GET: APIRoute<DownloadProps> = ({ props }) =>
  new Response(reportsCsv(props.reports), { headers: { 'content-type': contentTypes.csv } });

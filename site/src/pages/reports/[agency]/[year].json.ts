import type { APIRoute } from 'astro';
import { reportOpenData } from '@portal/shared';
import { contentTypes, reportPaths, type DownloadProps } from '../../../lib/downloads.ts';

export const getStaticPaths = reportPaths;

export const GET: APIRoute<DownloadProps> = ({ props }) =>
  new Response(
    JSON.stringify(
      props.year === undefined ? reportOpenData(props.reports[0]!) : { year: props.year, reports: props.reports.map(reportOpenData) },
      null,
      2,
    ),
    {
      headers: { 'content-type': contentTypes.json },
    },
  );

import type { APIRoute } from 'astro';
import { reportOpenData } from '@portal/shared';
import { contentTypes, yearPaths, type DownloadProps } from '../../../lib/downloads.ts';

export const getStaticPaths = yearPaths;

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

import type { APIRoute } from 'astro';
import { compareCsv } from '@portal/shared';
import { comparison, methodNotAllowed } from '../../../lib/compare.ts';
import { contentTypes } from '../../../lib/downloads.ts';

/*
 * The comparison of /reports/compare/ as a long CSV, for the same address: on demand, from the
 * release's own content collections. An address that asks for something unknown is answered with
 * the reason in Chinese (400), never with a partial file.
 */
export const prerender = false;

const FILE_NAME = encodeURIComponent('年度报告数据对比.csv');

const refusal = (status: number, message: string) =>
  new Response(`${message}\r\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-robots-tag': 'noindex' } });

export const GET: APIRoute = async ({ url }) => {
  try {
    const { selection, lines } = await comparison(url.searchParams);
    if (selection.errors.length) return refusal(400, `无法生成对比数据：${selection.errors.join(' ')}`);
    return new Response(compareCsv(lines), {
      headers: {
        'content-type': contentTypes.csv,
        'content-disposition': `attachment; filename="compare.csv"; filename*=UTF-8''${FILE_NAME}`,
        'x-robots-tag': 'noindex',
      },
    });
  } catch {
    return refusal(503, '对比数据暂时无法生成，请稍后重试。');
  }
};

/** Every other method (GET and HEAD are answered above). */
export const ALL: APIRoute = () => methodNotAllowed();

import type { APIRoute } from 'astro';
import { labelOf, policyLabel, validities } from '@portal/shared';
import { policies } from '../../lib/content.ts';
import { contentTypes } from '../../lib/downloads.ts';
import { urls } from '../../lib/urls.ts';
import { siteInfo } from '../../../site.config.ts';

/**
 * 政府信息公开目录 as open data: one entry per published policy item with the catalogue's fields
 * (条例第十二条: 索引、名称、生成日期; plus 文号, 发布日期, 有效性 and the page's address), keyed in
 * Chinese as the catalogue prints them, newest first.
 */
export const GET: APIRoute = async ({ site }) => {
  const items = (await policies()).map((p) => ({
    [policyLabel('indexNumber')]: p.indexNumber,
    [policyLabel('title')]: p.title,
    [policyLabel('docNumber')]: p.docNumber ?? null,
    [policyLabel('agency')]: p.agency?.name ?? null,
    [policyLabel('writtenDate')]: p.writtenDate ?? null,
    [policyLabel('publishDate')]: p.publishDate,
    [policyLabel('validity')]: labelOf(validities, p.validity),
    URL: new URL(urls.policy(p.documentId), site).href,
  }));
  return new Response(JSON.stringify({ 名称: `${siteInfo.region}政府信息公开目录`, 条目数: items.length, 条目: items }, null, 2), {
    headers: { 'content-type': contentTypes.json },
  });
};

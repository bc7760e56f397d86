import type { APIRoute } from 'astro';
import { policies } from '../../lib/content.ts';
import { atomFeed, atomHeaders } from '../../lib/feeds.ts';
import { urls } from '../../lib/urls.ts';
import { siteInfo } from '../../../site.config.ts';

/** The site-wide feed of policy items. */
export const GET: APIRoute = async ({ site }) =>
  new Response(atomFeed({ title: `${siteInfo.name} · 政策文件`, path: urls.policyFeed(), site: site!, policies: await policies() }), {
    headers: atomHeaders,
  });

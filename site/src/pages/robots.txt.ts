import type { APIRoute } from 'astro';

/** Everything public may be crawled; the sitemap (integrations/sitemap.ts) lists every page. */
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL('/sitemap.xml', site).href}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });

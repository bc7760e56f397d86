import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Writes `sitemap.xml` after the build from the HTML pages actually written, so it lists every
 * page (policy library facets and pages included) and can never drift from the routes. The 404
 * page is left out.
 */
export function sitemap(): AstroIntegration {
  let clientDir: URL | undefined;
  let site: string | undefined;
  return {
    name: 'portal-sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        clientDir = config.build.client;
        site = config.site;
      },
      'astro:build:done': ({ dir, logger }) => {
        if (!site) throw new Error('生成 sitemap.xml 需要配置站点地址（astro.config 的 site）');
        const root = fileURLToPath(clientDir ?? dir);
        const pages = readdirSync(root, { recursive: true, withFileTypes: true })
          .filter((f) => f.isFile() && f.name === 'index.html')
          .map((f) => path.relative(root, f.parentPath).split(path.sep).join('/'))
          .map((folder) => new URL(folder ? `/${folder}/` : '/', site).href)
          .sort();
        const escape = (url: string) => url.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${pages.map((url) => `  <url><loc>${escape(url)}</loc></url>`).join('\n')}
</urlset>
`;
        writeFileSync(path.join(root, 'sitemap.xml'), xml);
        logger.info(`sitemap.xml：${pages.length} 个页面`);
      },
    },
  };
}

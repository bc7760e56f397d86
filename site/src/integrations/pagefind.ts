import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefindApi from 'pagefind';

/**
 * The pages search covers: those whose Layout marks the main content with `data-pagefind-body`
 * (documents, reports, guides, agencies). Lists, facet pages, earlier guide versions and search
 * itself are left out; telling Pagefind so saves it parsing a third of the site on every publish.
 * tests/portal/pipeline.test.ts checks this list against the pages that carry the marker.
 */
export const SEARCHABLE_PAGES = '{policies/*,interpretations/*,reports/*/*,agencies/*,agencies/*/guide}/index.html';

/**
 * Indexes the built pages with Pagefind's Node API once the build is done, writing the index and
 * its UI bundle to `<client output>/pagefind/`. Only each page's `data-pagefind-body` (the main
 * content) is indexed.
 */
export function pagefind(): AstroIntegration {
  let clientDir: URL | undefined;
  return {
    name: 'portal-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        clientDir = config.build.client;
      },
      'astro:build:done': async ({ dir, logger }) => {
        // PORTAL_SEARCH=server: the publisher indexes the built pages itself (scripts/publisher/search/).
        if (process.env.PORTAL_SEARCH === 'server') return logger.info('Pagefind：已跳过（PORTAL_SEARCH=server，使用服务端搜索）');
        const root = fileURLToPath(clientDir ?? dir);
        const started = Date.now();
        const { index, errors } = await pagefindApi.createIndex({ forceLanguage: 'zh-cn' });
        if (!index) throw new Error(`Pagefind 无法创建索引：${errors.join('；')}`);
        try {
          const added = await index.addDirectory({ path: root, glob: SEARCHABLE_PAGES });
          if (added.errors.length > 0) throw new Error(`Pagefind 索引页面出错：${added.errors.join('；')}`);
          const written = await index.writeFiles({ outputPath: `${root}/pagefind` });
          if (written.errors.length > 0) throw new Error(`Pagefind 写入索引出错：${written.errors.join('；')}`);
          logger.info(`Pagefind：已索引 ${added.page_count} 个页面（${Date.now() - started} ms）`);
        } finally {
          await pagefindApi.close();
        }
      },
    },
  };
}

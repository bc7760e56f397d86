import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefindApi from 'pagefind';

/**
 * Indexes the built pages with Pagefind's Node API once the build is done, writing the index and
 * its UI bundle to `<client output>/pagefind/`. Only each page's `data-pagefind-body` (the main
 * content) is indexed; pages without it (lists, search) stay out of the index.
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
        const root = fileURLToPath(clientDir ?? dir);
        const started = Date.now();
        const { index, errors } = await pagefindApi.createIndex({ forceLanguage: 'zh-cn' });
        if (!index) throw new Error(`Pagefind 无法创建索引：${errors.join('；')}`);
        try {
          const added = await index.addDirectory({ path: root });
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

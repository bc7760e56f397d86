import path from 'node:path';
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
 * Set by the publisher (scripts/publisher/build.ts), which indexes the release in a process of its
 * own once Astro has exited: Pagefind's memory then never adds to Astro's, which stays held while
 * an `astro:build:done` hook runs (4.0 / 9.7 GiB peak at 10,000 items with Pagefind inside).
 */
export const INDEX_AFTER_BUILD = 'PORTAL_SEARCH_INDEX';

/**
 * Indexes the built pages of `clientDir` with Pagefind's Node API, writing the index and its UI
 * bundle to `<clientDir>/pagefind/`. Only each page's `data-pagefind-body` (the main content) is
 * indexed.
 */
export async function indexSearch(clientDir: string): Promise<{ pages: number; ms: number }> {
  const started = Date.now();
  const { index, errors } = await pagefindApi.createIndex({ forceLanguage: 'zh-cn' });
  if (!index) throw new Error(`Pagefind 无法创建索引：${errors.join('；')}`);
  try {
    const added = await index.addDirectory({ path: clientDir, glob: SEARCHABLE_PAGES });
    if (added.errors.length > 0) throw new Error(`Pagefind 索引页面出错：${added.errors.join('；')}`);
    const written = await index.writeFiles({ outputPath: path.join(clientDir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`Pagefind 写入索引出错：${written.errors.join('；')}`);
    return { pages: added.page_count, ms: Date.now() - started };
  } finally {
    await pagefindApi.close();
  }
}

/**
 * Indexes the build once it is done, unless the publisher will (INDEX_AFTER_BUILD=after): a plain
 * `astro build` (the tests' builds) still gives a searchable portal.
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
        if (process.env[INDEX_AFTER_BUILD] === 'after') return;
        const { pages, ms } = await indexSearch(fileURLToPath(clientDir ?? dir));
        logger.info(`Pagefind：已索引 ${pages} 个页面（${ms} ms）`);
      },
    },
  };
}

// `node site/src/integrations/pagefind.ts <client folder>`: the publisher's indexing step.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target) {
    console.error('用法：node site/src/integrations/pagefind.ts <发布版本的 client 目录>');
    process.exit(2);
  }
  try {
    const { pages, ms } = await indexSearch(path.resolve(target));
    console.log(`Pagefind：已索引 ${pages} 个页面（${ms} ms）`);
  } catch (error) {
    console.error(`✖ 搜索索引失败：${(error as Error).message}`);
    process.exit(1);
  }
}

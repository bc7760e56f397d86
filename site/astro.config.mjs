// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { pagefind } from './src/integrations/pagefind.ts';
import { sitemap } from './src/integrations/sitemap.ts';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The build's code, as one digest: the portal's sources and the shared domain package (which Vite
 * keeps outside the pages' module graphs, so Astro's own dependency hash does not see it). Every
 * incremental-build cache key includes it (src/lib/cache-key.ts): new code re-renders every page.
 */
function codeVersion() {
  const root = path.resolve(import.meta.dirname, '..');
  const hash = createHash('sha1');
  const files = ['site/src', 'shared/src'].flatMap((dir) =>
    readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => path.relative(root, path.join(f.parentPath, f.name))),
  );
  for (const file of [...files.sort(), 'site/site.config.ts', 'site/astro.config.mjs']) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/*
 * The portal is static pages built from the CMS over GraphQL, then indexed by Pagefind. The Node
 * adapter serves them (and, later, the few on-demand routes such as preview).
 */
export default defineConfig({
  site: process.env.PORTAL_URL ?? 'http://127.0.0.1:4321',
  output: 'static',
  // Overridable so a test build never touches the demo's output or cache.
  outDir: process.env.PORTAL_OUT_DIR ?? './dist',
  cacheDir: process.env.PORTAL_CACHE_DIR ?? './node_modules/.astro',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'always',
  // No inline <style> or <script>: the Content-Security-Policy (scripts/publisher/nginx.conf) allows
  // scripts and styles from the site's own files only.
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: {
    build: { assetsInlineLimit: 0 },
    define: { 'import.meta.env.PORTAL_CODE_VERSION': JSON.stringify(codeVersion()) },
  },
  server: { host: '127.0.0.1', port: 4321 },
  integrations: [sitemap(), pagefind()],
  devToolbar: { enabled: false },
  // Unchanged pages are copied from the last build (cacheDir/dist) instead of rendered: each dynamic
  // route returns a cacheKey of what it shows (src/lib/cache-key.ts). Needs build.concurrency 1.
  experimental: { incrementalBuild: true },
  // Astro's own check compares Origin with the Host it sees, which behind the publisher's proxy is
  // the renderer's port; the /apply/ pages check Origin against the visitor's host themselves
  // (site/src/lib/apply.ts sameOrigin). They carry no session or cookie a forged post could use.
  security: { checkOrigin: false },
});

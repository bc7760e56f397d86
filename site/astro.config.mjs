// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { pagefind } from './src/integrations/pagefind.ts';
import { sitemap } from './src/integrations/sitemap.ts';

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
  vite: { build: { assetsInlineLimit: 0 } },
  server: { host: '127.0.0.1', port: 4321 },
  integrations: [sitemap(), pagefind()],
  devToolbar: { enabled: false },
  // Astro's own check compares Origin with the Host it sees, which behind the publisher's proxy is
  // the renderer's port; the /apply/ pages check Origin against the visitor's host themselves
  // (site/src/lib/apply.ts sameOrigin). They carry no session or cookie a forged post could use.
  security: { checkOrigin: false },
});

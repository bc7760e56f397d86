import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { temporarySecrets } from '../../scripts/cms.ts';
import type { ContentSet } from '../../cms/src/demo/seed.ts';

/*
 * A real Strapi booted in-process on a temporary SQLite database, listening on a free port of
 * 127.0.0.1, with no admin panel. `compileStrapi` runs once per test run (global setup); each
 * suite boots its own instance.
 */

export const cmsDir = path.resolve(import.meta.dirname, '../../cms');
export const cmsDistDir = path.join(cmsDir, 'dist');

// @strapi/strapi's ESM build breaks under native ESM (lodash/fp); its CommonJS build is fine.
const require = createRequire(import.meta.url);
type StrapiModule = {
  compileStrapi: (options: { appDir: string; ignoreDiagnostics?: boolean }) => Promise<{ appDir: string; distDir: string }>;
  createStrapi: (options: Record<string, unknown>) => { load: () => Promise<StrapiInstance> };
};
export type StrapiInstance = {
  server: { mount: () => void; httpServer: import('node:http').Server };
  documents: (uid: string) => Record<string, (...args: unknown[]) => Promise<any>>;
  db: { query: (uid: string) => Record<string, (...args: unknown[]) => Promise<any>> };
  destroy: () => Promise<void>;
};
const strapiModule = () =>
  require(path.join(cmsDir, 'node_modules/@strapi/strapi').replace('/cms/node_modules', '/node_modules')) as StrapiModule;

export async function compileCms(): Promise<void> {
  await strapiModule().compileStrapi({ appDir: cmsDir });
}

export type RunningCms = {
  strapi: StrapiInstance;
  url: string;
  stop: () => Promise<void>;
};

export type CmsOptions = {
  /** Load the demo content on first start (default true, unless `content` is given). */
  demo?: boolean;
  /**
   * Load this content set instead (tests/fixtures/content.ts) on first start, with the loader the
   * demo uses: suites that assert on particular items should use their own, not the demo's.
   */
  content?: ContentSet;
  /** Reuse this folder's database (a restart); by default a fresh temporary one is made and removed on stop. */
  dataDir?: string;
  admin?: { email: string; password: string };
  /** DATABASE_* variables of another database (PostgreSQL); SQLite in the data folder by default. */
  database?: Record<string, string>;
};

/** Boots the CMS on a fresh (or given) database; `demo` loads the demo content as a first start does, `content` a set of the tests' own. */
export async function startCms({ demo = true, content, dataDir: given, admin, database }: CmsOptions = {}): Promise<RunningCms> {
  const dataDir = given ?? mkdtempSync(path.join(tmpdir(), 'portal-cms-'));
  Object.assign(process.env, {
    NODE_ENV: 'production',
    DATABASE_CLIENT: process.env.DATABASE_CLIENT ?? 'sqlite',
    DATABASE_FILENAME: path.join(dataDir, 'test.db'),
    ...temporarySecrets(),
    DEMO_CONTENT: demo && !content ? 'true' : 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_STARTUP_LOG: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ADMIN_EMAIL: admin?.email ?? '',
    ADMIN_PASSWORD: admin?.password ?? '',
    ...database,
  });
  const strapi = await strapiModule()
    .createStrapi({ appDir: cmsDir, distDir: cmsDistDir, autoReload: false, serveAdminPanel: false })
    .load();
  // The compiled loader, the very module the CMS's own bootstrap runs for the demo.
  if (content)
    await (require(path.join(cmsDistDir, 'src/demo/seed.js')) as typeof import('../../cms/src/demo/seed.ts')).loadContent(
      strapi as never,
      content,
    );
  strapi.server.mount();
  const http = strapi.server.httpServer;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    strapi,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      // Strapi's destroy() calls process.removeAllListeners(), which would cut the test runner's
      // own channel to this worker: keep the listeners and put them back.
      const saved = process.eventNames().map((event) => [event, process.listeners(event as any)] as const);
      await strapi.destroy();
      for (const [event, listeners] of saved) {
        for (const listener of listeners)
          if (!process.listeners(event as any).includes(listener)) process.on(event as any, listener as any);
      }
      if (!given) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A request to the CMS from another loopback address (127.0.0.2, 127.0.0.3…): the CMS's per-address
 * limits (GraphQL rate, login failures) then count it apart, so that a test that exhausts one
 * leaves the suite's own address (127.0.0.1) as it was.
 */
export async function requestFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: import('node:http').IncomingHttpHeaders; body: string }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: init.method ?? 'GET', headers: init.headers, localAddress }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(init.body);
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { demoSiteEnv } from '../../scripts/demo-site.ts';
import { freePort } from '../../scripts/net.ts';

export { freePort };

/*
 * The portal as the README's command builds and serves it: `astro build` against a running CMS
 * (which also writes the Pagefind index), then the Node adapter's standalone server. Each build
 * goes to its own temporary folder under site/.tmp/.
 */

const root = path.resolve(import.meta.dirname, '../..');
const siteDir = path.join(root, 'site');

function exec(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} 失败（${code}）：\n${output}`)),
    );
  });
}

export type BuiltPortal = { outDir: string; clientDir: string; log: string; remove: () => void };

/** Builds into a fresh folder; pass `cacheDir` to keep Astro's data store between builds (incremental sync). */
/** `site` is the site configuration's environment (site/site.config.ts); the demo's by default, as `npm start` sets it. */
export async function buildPortal(
  cmsUrl: string,
  options: { cacheDir?: string; site?: Record<string, string> } = {},
): Promise<BuiltPortal> {
  // Inside site/ (ignored by git): the server build imports packages from the workspace's node_modules.
  mkdirSync(path.join(siteDir, '.tmp'), { recursive: true });
  const work = mkdtempSync(path.join(siteDir, '.tmp', 'build-'));
  const outDir = path.join(work, 'dist');
  const log = await exec(
    path.join(root, 'node_modules/.bin/astro'),
    ['build'],
    {
      ...(options.site ?? demoSiteEnv),
      CMS_URL: cmsUrl,
      PORTAL_OUT_DIR: outDir,
      PORTAL_CACHE_DIR: options.cacheDir ?? path.join(work, 'cache'),
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    siteDir,
  );
  return { outDir, clientDir: path.join(outDir, 'client'), log, remove: () => rmSync(work, { recursive: true, force: true }) };
}

export type ServedPortal = { url: string; stop: () => Promise<void> };

export async function servePortal(portal: BuiltPortal): Promise<ServedPortal> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(portal.outDir, 'server/entry.mjs')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(url);
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`门户服务未能启动（${url}）`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

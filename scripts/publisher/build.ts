import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');

export type BuildRequest = {
  /** Where the release goes (becomes <dir>/client and <dir>/server). */
  outDir: string;
  /** Kept between builds: Astro's data store, so the loaders fetch only what changed. */
  cacheDir: string;
  logFile: string;
  /** How messages name the log (relative to the publisher's folder: no file-system path in /status). */
  logName: string;
  cmsUrl: string;
  portalUrl: string;
};

/**
 * A release's server code imports the workspace's packages by bare name (Vite keeps dependencies
 * external), both while Astro prerenders and when the release's renderer runs. Node looks for them
 * in node_modules folders above the importing file, so a release outside the checkout
 * (PUBLISHER_DIR=/srv/portal) finds none and every build fails. A `node_modules` link next to the
 * releases, pointing at the checkout's, gives them the same packages the build was made with.
 */
export function linkDependencies(releasesParent: string): void {
  const inside = path.relative(root, releasesParent);
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) return; // inside the checkout: found by walking up
  const link = path.join(releasesParent, 'node_modules');
  try {
    lstatSync(link);
    return;
  } catch {
    // not there yet
  }
  mkdirSync(releasesParent, { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), link, 'dir');
}

/** Builds the portal and its search index into a fresh release folder; the log goes to a file. */
export function buildPortal(request: BuildRequest): Promise<{ ok: true } | { ok: false; error: string }> {
  mkdirSync(path.dirname(request.logFile), { recursive: true });
  linkDependencies(path.dirname(path.dirname(request.outDir)));
  const log = createWriteStream(request.logFile);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [astro, 'build'], {
      cwd: path.join(root, 'site'),
      env: {
        ...process.env,
        CMS_URL: request.cmsUrl,
        PORTAL_URL: request.portalUrl,
        PORTAL_OUT_DIR: request.outDir,
        PORTAL_CACHE_DIR: request.cacheDir,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', (error) => resolve({ ok: false, error: `无法启动构建：${error.message}` }));
    child.on('exit', (code) => {
      log.end();
      if (code === 0 && existsSync(path.join(request.outDir, 'client', 'index.html'))) resolve({ ok: true });
      else resolve({ ok: false, error: `门户构建失败（退出码 ${code}），详见日志 ${request.logName}` });
    });
  });
}

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
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

/** Builds the portal and its search index into a fresh release folder; the log goes to a file. */
export function buildPortal(request: BuildRequest): Promise<{ ok: true } | { ok: false; error: string }> {
  mkdirSync(path.dirname(request.logFile), { recursive: true });
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

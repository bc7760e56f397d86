import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, type WriteStream } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
const indexer = path.join(root, 'site', 'src', 'integrations', 'pagefind.ts');

export type BuildRequest = {
  /** Where the release goes (becomes <dir>/client and <dir>/server). */
  outDir: string;
  /**
   * Kept between builds: Astro's data store, so the loaders fetch only what changed, and its
   * incremental-build cache (the pages of the last build with their cache keys, under dist/), so
   * only the pages whose data changed are rendered again into the new release folder.
   */
  cacheDir: string;
  logFile: string;
  /** How messages name the log (relative to the publisher's folder: no file-system path in /status). */
  logName: string;
  cmsUrl: string;
  portalUrl: string;
};

/** One step of a build, as the log's summary reports it (read by scripts/bench/publish.ts). */
export type BuildStep = { name: string; ms: number; peakRssMb: number | null };

/** Where Astro's build spends its time, from when its log lines arrive (Astro logs whole seconds only). */
export type AstroPhases = {
  startMs: number;
  syncMs: number;
  bundleMs: number;
  renderMs: number;
  sitemapMs: number;
  /** Pages rendered, and pages copied unchanged from the incremental-build cache. */
  rendered: number;
  reused: number;
};

/** Terminal colour codes, in case a step colours its output anyway. */
const ANSI = /\u001b\[[0-9;]*m/g;

const phaseMarks = {
  sync: '[content] Syncing content',
  synced: '[content] Synced content',
  render: ' prerendering static routes ',
  rendered: '✓ Completed in',
  sitemap: '[portal-sitemap]',
} as const;

export type BuildResult = ({ ok: true } | { ok: false; error: string }) & { steps: BuildStep[]; phases: AstroPhases | null };

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

const PAGE_SIZE = 4096;

/** The resident memory of a process and all its descendants (Pagefind's binary is a child of its Node process), from /proc. */
function treeRssBytes(rootPid: number): number | null {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return null; // no /proc: not Linux
  }
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command (which may hold spaces): state, ppid, … rss is field 24.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * PAGE_SIZE);
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(pid);
    } catch {
      // the process ended while we looked
    }
  }
  if (!rss.has(rootPid)) return null;
  let total = 0;
  const todo = [rootPid];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    total += rss.get(pid) ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Runs one step of the build as a child process, its output into the log, sampling its process tree's memory. */
function step(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: WriteStream,
  onLine?: (line: string, ms: number) => void,
): Promise<{ code: number | null; error?: Error; step: BuildStep }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: path.join(root, 'site'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    if (onLine) {
      let rest = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop()!;
        for (const line of lines) onLine(line, Date.now() - started);
      });
    }
    let peak: number | null = null;
    const sample = () => {
      const bytes = child.pid === undefined ? null : treeRssBytes(child.pid);
      if (bytes !== null) peak = Math.max(peak ?? 0, bytes);
    };
    const sampler = setInterval(sample, 300);
    setTimeout(sample, 50);
    const done = (code: number | null, error?: Error) => {
      clearInterval(sampler);
      const peakRssMb = peak === null ? null : Math.round(peak / 2 ** 20);
      resolve({ code, error, step: { name, ms: Date.now() - started, peakRssMb } });
    };
    child.on('error', (error) => done(null, error));
    child.on('exit', (code) => done(code));
  });
}

/**
 * Builds the portal into a fresh release folder, then indexes it for search in a process of its
 * own once Astro has exited, so the two never hold memory at the same time. PORTAL_SEARCH=server
 * (the CMS answers search, for large portals) skips the Pagefind step. The log goes to a file and
 * ends with each step's time and peak memory.
 */
export async function buildPortal(request: BuildRequest): Promise<BuildResult> {
  mkdirSync(path.dirname(request.logFile), { recursive: true });
  linkDependencies(path.dirname(path.dirname(request.outDir)));
  const log = createWriteStream(request.logFile);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CMS_URL: request.cmsUrl,
    PORTAL_URL: request.portalUrl,
    PORTAL_OUT_DIR: request.outDir,
    PORTAL_CACHE_DIR: request.cacheDir,
    PORTAL_SEARCH_INDEX: 'after',
    ASTRO_TELEMETRY_DISABLED: '1',
    // Plain text in the log file: Astro's colour library turns colours on whenever CI is set,
    // which would also hide the phase marks below from the line reader.
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  const steps: BuildStep[] = [];
  let phases: AstroPhases | null = null;
  const finish = async (result: { ok: true } | { ok: false; error: string }): Promise<BuildResult> => {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} 秒`;
    if (phases)
      log.write(
        `› 构建阶段：启动 ${seconds(phases.startMs)}，内容同步 ${seconds(phases.syncMs)}，打包 ${seconds(phases.bundleMs)}，` +
          `渲染 ${seconds(phases.renderMs)}（渲染 ${phases.rendered} 页，沿用 ${phases.reused} 页），站点地图 ${seconds(phases.sitemapMs)}\n`,
      );
    for (const s of steps)
      log.write(`› 构建步骤 ${s.name}：${(s.ms / 1000).toFixed(1)} 秒，峰值内存 ${s.peakRssMb === null ? '未知' : `${s.peakRssMb} MB`}\n`);
    await new Promise((resolve) => log.end(resolve));
    return { ...result, steps, phases };
  };

  const seen = new Map<keyof typeof phaseMarks, number>();
  let rendered = 0;
  let reused = 0;
  const built = await step('astro', [astro, 'build'], env, log, (raw, ms) => {
    const line = raw.replace(ANSI, '');
    for (const [mark, text] of Object.entries(phaseMarks) as Array<[keyof typeof phaseMarks, string]>)
      if (!seen.has(mark) && line.includes(text) && (mark !== 'rendered' || seen.has('render'))) seen.set(mark, ms);
    // A route's line ends with its render time, or says it was copied from the cache.
    if (/[├└]─ .*\(\+[\d.]+m?s\)\s*$/.test(line)) rendered++;
    else if (/[├└]─ .*\((restored|cached)\)\s*$/.test(line)) reused++;
  });
  steps.push(built.step);
  const at = (mark: keyof typeof phaseMarks) => seen.get(mark) ?? null;
  const between = (from: number | null, to: number | null) => (from === null || to === null ? 0 : to - from);
  phases =
    at('sync') === null
      ? null
      : {
          startMs: at('sync')!,
          syncMs: between(at('sync'), at('synced')),
          bundleMs: between(at('synced'), at('render')),
          renderMs: between(at('render'), at('rendered')),
          sitemapMs: between(at('rendered'), at('sitemap')),
          rendered,
          reused,
        };
  if (built.error) return finish({ ok: false, error: `无法启动构建：${built.error.message}` });
  const clientDir = path.join(request.outDir, 'client');
  if (built.code !== 0 || !existsSync(path.join(clientDir, 'index.html')))
    return finish({ ok: false, error: `门户构建失败（退出码 ${built.code}），详见日志 ${request.logName}` });

  if (process.env.PORTAL_SEARCH !== 'server') {
    const indexed = await step('pagefind', [indexer, clientDir], env, log);
    steps.push(indexed.step);
    if (indexed.error) return finish({ ok: false, error: `无法启动搜索索引：${indexed.error.message}` });
    if (indexed.code !== 0) return finish({ ok: false, error: `搜索索引失败（退出码 ${indexed.code}），详见日志 ${request.logName}` });
  }
  return finish({ ok: true });
}

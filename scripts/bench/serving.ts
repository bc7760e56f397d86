// Serving under a CMS crash (`npm run bench:serving`): `npm start` (scripts/demo.ts) on free
// loopback ports and a temporary database; the portal is asked for its pages at a steady rate while
// the CMS is killed (SIGKILL) and restarted by the supervisor. Counts every answer that is not the
// page (an error), and the latency of each. Bounded: stops by itself after BENCH_SECONDS (30).
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, rootDir } from '../cms.ts';

export type ServingLoadOptions = {
  durationMs: number;
  /** Requests started per second, whatever the answers take (an open loop, as real visitors). */
  rate: number;
  /** When the CMS is killed, from the start of the load. */
  killAtMs: number;
  log?: (line: string) => void;
};

export type ServingLoadResult = {
  requests: number;
  errors: number;
  errorSamples: string[];
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  pages: number;
  /** Seconds from the kill until the CMS answered its health check again; null if it never did. */
  cmsBackAfterS: number | null;
  /** What /status said while the CMS was down. */
  statusWhileDown: { state: string; cmsReachable: boolean } | null;
};

const until = async (probe: () => Promise<boolean>, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`超时：${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** The pid of the CMS that `npm start` (pid `demo`) runs: its child running `strapi start`. */
function cmsPid(demo: number): number {
  const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(demo)], { encoding: 'utf8' })
    .trim()
    .split('\n');
  const line = lines.find((l) => l.includes('strapi.js start'));
  if (!line) throw new Error('找不到演示进程的内容管理系统子进程');
  return Number(line.trim().split(/\s+/)[0]);
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;

export async function runServingLoad(options: ServingLoadOptions): Promise<ServingLoadResult> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-serving-'));
  const [cmsPort, portalPort, publisherPort, rendererPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const portal = `http://127.0.0.1:${portalPort}`;
  const cms = `http://127.0.0.1:${cmsPort}`;
  const output = createWriteStream(path.join(dir, 'demo.log'));
  const demo = spawn(process.execPath, [path.join(rootDir, 'scripts', 'demo.ts')], {
    env: {
      ...process.env,
      CMS_PORT: String(cmsPort),
      PORTAL_PORT: String(portalPort),
      PUBLISHER_PORT: String(publisherPort),
      // Never the default 4322: an `npm start` on this machine may hold it.
      RENDERER_PORT: String(rendererPort),
      PUBLISHER_DIR: path.join(dir, 'publisher'),
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(dir, 'cms.db'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  demo.stdout.pipe(output);
  demo.stderr.pipe(output);
  const demoExited = new Promise<void>((resolve) => demo.once('exit', () => resolve()));
  try {
    log('› 启动 npm start（scripts/demo.ts）…');
    await until(
      async () => {
        if (demo.exitCode !== null)
          throw new Error(`演示进程退出（${demo.exitCode}）：\n${readFileSync(path.join(dir, 'demo.log'), 'utf8').slice(-3000)}`);
        return (await fetch(`${portal}/`)).status === 200;
      },
      420_000,
      '门户首次构建',
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${readFileSync(path.join(dir, 'demo.log'), 'utf8').slice(-3000)}`);
    });
    const sitemap = await (await fetch(`${portal}/sitemap.xml`)).text();
    const pages = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname).slice(0, 40);
    if (pages.length === 0) pages.push('/');
    log(
      `› 门户已就绪；以每秒 ${options.rate} 个请求访问 ${pages.length} 个页面 ${options.durationMs / 1000} 秒，第 ${options.killAtMs / 1000} 秒强制结束内容管理系统`,
    );

    const latencies: number[] = [];
    const errorSamples: string[] = [];
    let errors = 0;
    const one = async (pathname: string) => {
      const started = performance.now();
      try {
        const response = await fetch(`${portal}${pathname}`, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      } catch (error) {
        errors++;
        if (errorSamples.length < 10) errorSamples.push(`${pathname}: ${(error as Error).message}`);
      }
      latencies.push(performance.now() - started);
    };

    let killedAt = 0;
    let cmsBackAfterS: number | null = null;
    let statusWhileDown: ServingLoadResult['statusWhileDown'] = null;
    const outage = (async () => {
      await new Promise((r) => setTimeout(r, options.killAtMs));
      process.kill(cmsPid(demo.pid!), 'SIGKILL');
      killedAt = Date.now();
      log('› 已强制结束内容管理系统（SIGKILL）');
      await new Promise((r) => setTimeout(r, 500));
      try {
        const s = (await (await fetch(`http://127.0.0.1:${publisherPort}/status`)).json()) as {
          state: string;
          cms: { reachable: boolean };
        };
        statusWhileDown = { state: s.state, cmsReachable: s.cms.reachable };
      } catch {
        statusWhileDown = null;
      }
    })();

    const total = Math.round((options.durationMs / 1000) * options.rate);
    const t0 = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / options.rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(one(pages[i % pages.length]!));
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - t0) / 1000;
    await outage;
    await until(async () => (await fetch(`${cms}/_health`)).status < 500, 180_000, '内容管理系统重启');
    cmsBackAfterS = (Date.now() - killedAt) / 1000;
    // The CMS is back: the portal still answers.
    if ((await fetch(`${portal}/`)).status !== 200) errors++;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      requests: total,
      errors,
      errorSamples,
      requestsPerSecond: total / elapsed,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      maxMs: sorted.at(-1) ?? 0,
      pages: pages.length,
      cmsBackAfterS,
      statusWhileDown,
    };
  } finally {
    if (demo.exitCode === null) {
      demo.kill('SIGTERM');
      const timer = setTimeout(() => demo.kill('SIGKILL'), 30_000);
      await demoExited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 30);
  const rate = Number(process.env.BENCH_RATE ?? 200);
  const r = await runServingLoad({ durationMs: seconds * 1000, rate, killAtMs: 5_000, log: (l) => console.log(l) });
  const cpu = cpus()[0]?.model ?? '?';
  console.log(`
机器：${cpus().length} 核 ${cpu}，内存 ${Math.round(totalmem() / 2 ** 30)} GiB，Node ${process.version}，负载 ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}，${new Date().toISOString()}
请求 ${r.requests}（${r.pages} 个页面轮流），错误 ${r.errors}${r.errorSamples.length ? `：${r.errorSamples.join('；')}` : ''}
实际速率 ${r.requestsPerSecond.toFixed(1)} 请求/秒；延迟 p50 ${r.p50Ms.toFixed(1)} ms，p99 ${r.p99Ms.toFixed(1)} ms，最大 ${r.maxMs.toFixed(1)} ms
内容管理系统在强制结束后 ${r.cmsBackAfterS?.toFixed(1)} 秒重新可用；停机期间 /status：${JSON.stringify(r.statusWhileDown)}`);
  process.exit(r.errors === 0 ? 0 : 1);
}

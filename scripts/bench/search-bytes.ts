// Search's first-query weight (`npm run bench:search-bytes`): the bytes a visitor's browser
// transfers to open /search/ and then run a first query (a common word, a rare word, an exact 文号),
// each run in a fresh Chromium profile (nothing cached), median of BENCH_RUNS (3) runs. Counted
// twice: by the server (bytes written to the visitor's sockets, headers included: the figure) and
// in Chromium from the DevTools protocol (Network.loadingFinished encodedDataLength of the page's
// session, which would miss a web worker's fetches; the page runs Pagefind without one). Two
// figures: what the results need (all but Pagefind's filter index), and the whole, once the filter
// counts (loaded after the results) are drawn.
//
//   npm run bench:search-bytes -- build --db /work/bench10k/cms.db --out /tmp/portal-10k
//       copies the database, boots the CMS on it (free port, in-process), builds the portal with
//       Pagefind into OUT/dist once (at 10k documents ~8 GB and a few minutes), stops the CMS.
//   npm run bench:search-bytes -- measure --dist /tmp/portal-10k/dist [--common 通知] [--rare 黄桃] [--exact 文号]
//       serves OUT/dist/client as the publisher serves a release and measures.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { rootDir } from '../cms.ts';
import { demoSiteEnv } from '../demo-site.ts';
import { serveStatic } from '../publisher/static.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { startCms } from '../../tests/helpers/cms.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RUNS_LOG = process.env.BENCH_VERBOSE === '1';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    out: { type: 'string' },
    dist: { type: 'string' },
    common: { type: 'string', default: '通知' },
    rare: { type: 'string', default: '黄桃' },
    exact: { type: 'string' },
  },
});

async function build(db: string, out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  copyFileSync(db, path.join(out, 'test.db'));
  // The server build imports packages by bare name: give the output the workspace's node_modules.
  if (!existsSync(path.join(out, 'node_modules'))) symlinkSync(path.join(rootDir, 'node_modules'), path.join(out, 'node_modules'));
  const cms = await startCms({ demo: false, dataDir: out });
  const started = Date.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(rootDir, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], {
        cwd: path.join(rootDir, 'site'),
        env: {
          ...process.env,
          ...demoSiteEnv,
          CMS_URL: cms.url,
          PORTAL_OUT_DIR: path.join(out, 'dist'),
          PORTAL_CACHE_DIR: path.join(out, 'cache'),
          ASTRO_TELEMETRY_DISABLED: '1',
        },
        stdio: 'inherit',
      });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`门户构建失败（退出码 ${code}）`))));
    });
  } finally {
    await cms.stop();
  }
  console.log(`› 构建完成：${path.join(out, 'dist')}（${Math.round((Date.now() - started) / 1000)} s）`);
}

/** A 文号 from the built exact-identifier lookup, when none is given. */
function someDocNumber(clientDir: string): string {
  const dir = path.join(clientDir, 'search', 'ids');
  for (const file of readdirSync(dir)) {
    const shard = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, Array<{ kind: string }>>;
    const found = Object.entries(shard).find(([, entries]) => entries.some((e) => e.kind === '文号'));
    if (found) return found[0];
  }
  throw new Error('构建结果中没有文号，请用 --exact 指定');
}

type Run = { open: number; shown: number; query: number; requests: number; page: number };
type Served = () => { bytes: number; requests: number; filterBytes: number };

async function measureOnce(base: string, served: Served, query: string): Promise<Run> {
  const browser = await launchBrowser();
  try {
    const tab = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let page = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      page += event.encodedDataLength;
    });
    const before = served();
    await tab.goto(`${base}/search/`, { waitUntil: 'networkidle' });
    const open = served().bytes - before.bytes;
    // The page counts the searches it has answered (data-searches): the empty one on opening, then this one.
    await tab.waitForFunction(() => document.querySelector('[data-search]')?.getAttribute('data-searches') === '1');
    await tab.locator('#search-q').fill(query);
    await tab.locator('#search-q').press('Enter');
    await tab.waitForFunction(() => document.querySelector('[data-search]')?.getAttribute('data-searches') === '2', null, {
      timeout: 120_000,
    });
    // The filter counts follow the first results (their index is loaded after them).
    await tab.waitForFunction(() => !document.querySelector('[data-search]')?.hasAttribute('data-counts-pending'), null, {
      timeout: 120_000,
    });
    await tab.waitForLoadState('networkidle');
    const status = await tab.locator('[data-search-status]').textContent();
    if (!status || status.includes('出错')) throw new Error(`搜索“${query}”没有正常完成：${status}`);
    if (RUNS_LOG) console.log(`  ${query}：${status}`);
    const after = served();
    // What the results needed: everything but the filter index, which only the counts drawn after them use.
    const shown = after.bytes - before.bytes - (after.filterBytes - before.filterBytes);
    return { open, shown, query: after.bytes - before.bytes - open, requests: after.requests - before.requests, page };
  } finally {
    await browser.close();
  }
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function measure(dist: string): Promise<void> {
  const clientDir = path.join(dist, 'client');
  let requests = 0;
  let filterBytes = 0;
  const server = createServer((req, res) => {
    requests++;
    // One request at a time on a connection (HTTP/1.1, no pipelining): its bytes are the socket's growth.
    const start = req.socket.bytesWritten;
    res.on('finish', () => {
      const bytes = req.socket.bytesWritten - start;
      if (req.url?.startsWith('/pagefind/filter/')) filterBytes += bytes;
      if (RUNS_LOG) console.log(`    ${bytes}\t${decodeURIComponent(req.url ?? '')}`);
    });
    serveStatic(clientDir, req, res);
  });
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      closedBytes += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  const served: Served = () => ({
    bytes: closedBytes + [...sockets].reduce((sum, s) => sum + s.bytesWritten, 0),
    requests,
    filterBytes,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pages = readdirSync(path.join(clientDir, 'policies')).length;
  const queries: Array<[string, string]> = [
    ['常见词', values.common!],
    ['少见词', values.rare!],
    ['文号（完全匹配）', values.exact ?? someDocNumber(clientDir)],
  ];
  console.log(
    `机器：${cpus().length} 核 ${cpus()[0]?.model.trim()}，内存 ${Math.round(totalmem() / 2 ** 30)} GiB，Node ${process.version}；负载 ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}；${new Date().toISOString()}；政策文件页约 ${pages} 个`,
  );
  console.log('| 查询 | 词 | 打开 /search/ | 到结果显示（含打开） | 含筛选计数 | 请求数 | 各次（含筛选计数） | DevTools 所见 |');
  console.log('|---|---|---|---|---|---|---|---|');
  try {
    for (const [kind, query] of queries) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measureOnce(base, served, query));
      const totals = runs.map((r) => r.open + r.query);
      const m = (pick: (r: Run) => number) => kb(median(runs.map(pick)));
      console.log(
        `| ${kind} | ${query} | ${m((r) => r.open)} | **${m((r) => r.shown)}** | ${kb(median(totals))} | ${median(runs.map((r) => r.requests))} | ${totals.map(kb).join('、')} | ${m((r) => r.page)} |`,
      );
    }
  } finally {
    server.close();
  }
}

const [command] = positionals;
if (command === 'build' && values.db && values.out) await build(values.db, values.out);
else if (command === 'measure' && values.dist) await measure(values.dist);
else {
  console.error(
    '用法：npm run bench:search-bytes -- build --db 数据库文件 --out 输出目录；或 npm run bench:search-bytes -- measure --dist 输出目录/dist [--common 词] [--rare 词] [--exact 文号]',
  );
  process.exit(2);
}
process.exit(0);

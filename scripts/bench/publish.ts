// Publish-to-live benchmark (`npm run bench:publish`): how long from an editor's publish in the
// CMS until the public sees the change (page and search entry, switched together in one release),
// and what the publisher's first (full) build of that portal costs, at demo scale and at N policy
// items of the benchmark corpus. Prints the figures; BENCH_WRITE=1 replaces the `## Publish to
// live` and `## 全量构建` sections of docs/benchmarks.md and leaves the rest of the file as it is.
//
// BENCH_SCALES=demo,2000,10000  scales (demo content, or N corpus items imported in bulk); a
//                               scale written N/server builds with PORTAL_SEARCH=server (no Pagefind)
// BENCH_RUNS=5                  publishes measured per scale (median reported)
// BENCH_DB=10000:/path/cms.db   use a prepared database for a scale (copied, never written)
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ensureCmsBuild, ensureSharedBuild, freePort, rootDir, startCmsProcess, temporarySecrets, type CmsProcess } from '../cms.ts';
import { corpusCsv, corpusRows } from './corpus.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SCALES = (process.env.BENCH_SCALES ?? 'demo,2000').split(',');
const PREPARED = new Map(
  (process.env.BENCH_DB ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => entry.split(':') as [string, string]),
);
const admin = { email: 'bench@example.com', password: 'Bench-Admin-2026' };
const POLICY = 'api::policy-item.policy-item';

// The admin API's answers, read field by field by this bench only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON of Strapi's admin API
type Admin = (method: string, path: string, body?: unknown) => Promise<any>;

async function login(cmsUrl: string): Promise<Admin> {
  const response = await fetch(`${cmsUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const token = ((await response.json()) as { data: { token: string } }).data.token;
  return async (method, pathname, body) => {
    const r = await fetch(`${cmsUrl}${pathname}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${pathname}: ${r.status} ${await r.text()}`);
    return r.json();
  };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, { cwd: rootDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/**
 * A SQLite database holding the corpus's agencies and `count` corpus items, made in bulk as an
 * office would (the catalogue importer, `npm run import:catalog`), not one admin request at a time.
 */
async function corpusDatabase(count: number, work: string, secrets: Record<string, string>): Promise<string> {
  const db = path.join(work, 'cms.db');
  const prepared = PREPARED.get(String(count));
  if (prepared) {
    copyFileSync(prepared, db);
    return db;
  }
  const env = {
    ...process.env,
    ...secrets,
    NODE_ENV: 'production',
    DEMO_CONTENT: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: 'error',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: db,
  };
  const csv = path.join(work, 'corpus.csv');
  const out = createWriteStream(csv);
  for (const chunk of corpusCsv(corpusRows(count))) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  const seeded = await run([path.join(rootDir, 'scripts/bench/catalog-import.ts'), '--internal', 'seed'], env);
  if (seeded.code !== 0) throw new Error(`机构库生成失败：\n${seeded.output.slice(-3000)}`);
  const imported = await run([path.join(rootDir, 'scripts/import-catalog.ts'), csv, '--json', '--batch', '500'], env);
  if (imported.code !== 0) throw new Error(`导入语料失败：\n${imported.output.slice(-3000)}`);
  return db;
}

function startPublisher(
  cmsUrl: string,
  secret: string,
  dir: string,
  ports: { portal: number; control: number },
  search: 'static' | 'server',
): ChildProcess {
  return spawn(process.execPath, [path.join(rootDir, 'scripts/publisher/main.ts')], {
    env: {
      ...process.env,
      ...(search === 'server' ? { PORTAL_SEARCH: 'server' } : {}),
      CMS_URL: cmsUrl,
      PUBLISHER_DIR: dir,
      PUBLISHER_SECRET: secret,
      PORTAL_PORT: String(ports.portal),
      PUBLISHER_PORT: String(ports.control),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`超时：${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg()[0]!;

/** What a build's log says of it (scripts/publisher/build.ts writes these lines at its end). */
type BuildFigures = {
  ms: number;
  phases: { start: number; sync: number; bundle: number; render: number; rendered: number; reused: number; sitemap: number } | null;
  steps: Array<{ name: string; seconds: number; peakMb: number | null }>;
};

function readBuildLog(file: string, ms: number): BuildFigures {
  const log = readFileSync(file, 'utf8');
  const phase =
    /构建阶段：启动 ([\d.]+) 秒，内容同步 ([\d.]+) 秒，打包 ([\d.]+) 秒，渲染 ([\d.]+) 秒（渲染 (\d+) 页，沿用 (\d+) 页），站点地图 ([\d.]+) 秒/.exec(
      log,
    );
  const steps = [...log.matchAll(/构建步骤 (\S+)：([\d.]+) 秒，峰值内存 (?:(\d+) MB|未知)/g)].map((m) => ({
    name: m[1]!,
    seconds: Number(m[2]),
    peakMb: m[3] ? Number(m[3]) : null,
  }));
  const [start, sync, bundle, render, rendered, reused, sitemap] = (phase?.slice(1) ?? []).map(Number);
  return {
    ms,
    phases: phase
      ? { start: start!, sync: sync!, bundle: bundle!, render: render!, rendered: rendered!, reused: reused!, sitemap: sitemap! }
      : null,
    steps,
  };
}

type Run = { ms: number; load: number; build: BuildFigures };
type Result = { scale: string; policies: number; pages: number; full: BuildFigures & { load: number }; runs: Run[] };

type Status = {
  building: boolean;
  queued: boolean;
  current: string | null;
  lastBuild: { id: string; ok: boolean; durationMs: number; log: string } | null;
  lastSuccess: { id: string; ok: boolean; durationMs: number; log: string } | null;
};

async function measure(
  scale: string,
  cms: CmsProcess,
  call: Admin,
  secret: string,
  ports: { portal: number; control: number },
): Promise<Result> {
  const policies = (await call('GET', `/content-manager/collection-types/${POLICY}?page=1&pageSize=1`)).pagination.total as number;
  mkdirSync(path.join(rootDir, 'var'), { recursive: true });
  const dir = mkdtempSync(path.join(rootDir, 'var', 'bench-publisher-'));
  const search = scale.endsWith('/server') ? 'server' : 'static';
  const publisher = startPublisher(cms.url, secret, dir, ports, search);
  const portal = `http://127.0.0.1:${ports.portal}`;
  const status = async () => (await (await fetch(`http://127.0.0.1:${ports.control}/status`)).json()) as Status;
  const idle = (s: Status) => !s.building && !s.queued;
  const fullLoad = load();
  const first = await until(async () => ((await status()).lastSuccess ? status() : undefined), 1_800_000, '首次构建');
  const full = { ...readBuildLog(path.join(dir, first.lastSuccess!.log), first.lastSuccess!.durationMs), load: fullLoad };
  console.log(`  首次（全量）构建 ${(full.ms / 1000).toFixed(1)} 秒，${full.steps.map((s) => `${s.name} 峰值 ${s.peakMb} MB`).join('，')}`);
  const pages = Number((await (await fetch(`${portal}/sitemap.xml`).catch(() => null))?.text())?.match(/<loc>/g)?.length ?? 0);
  await until(async () => (idle(await status()) ? true : undefined), 1_800_000, '首次构建后的队列');

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const target = (await call('GET', `/content-manager/collection-types/${POLICY}?page=1&pageSize=1&sort=id:asc`)).results[0]
    .documentId as string;
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const marker = `更新标记${Date.now().toString(36)}`;
      // Edited and published in one request, as the admin's 发布 button sends the form: a separate
      // draft save first would send a webhook of its own and start a build ahead of the publish.
      const runLoad = load();
      const started = Date.now();
      await call('POST', `/content-manager/collection-types/${POLICY}/${target}/actions/publish`, { title: `关于${marker}的通知` });
      await until(
        async () => ((await (await fetch(`${portal}/policies/${target}/`)).text()).includes(marker) ? true : undefined),
        900_000,
        '页面更新',
      );
      const ms = Date.now() - started;
      // The build that carried the publish is the release now served; wait for the queue to be empty
      // (a later webhook may have queued another) so the next run starts from rest.
      const serving = await status();
      const record = serving.lastSuccess!;
      if (record.id !== serving.current) throw new Error(`正在提供的版本 ${serving.current} 不是最近一次成功构建 ${record.id}`);
      await until(async () => (idle(await status()) ? true : undefined), 1_800_000, '构建队列清空');
      const build = readBuildLog(path.join(dir, record.log), record.durationMs);
      runs.push({ ms, load: runLoad, build });
      // The search entry switched with the page (same release): check it once in a real browser.
      if (i === 0 && search === 'static') {
        const page = await browser.newPage();
        await page.goto(`${portal}/search/`);
        await page.locator('pagefind-input input').fill(marker);
        await page.locator('pagefind-results a').first().waitFor({ timeout: 30_000 });
        if (!(await page.locator('pagefind-results a').first().textContent())?.includes(marker)) throw new Error('搜索未找到刚发布的文件');
        await page.close();
      }
      const p = build.phases;
      console.log(
        `  第 ${i + 1} 次：发布到上线 ${ms} ms（构建 ${build.ms} ms${p ? `，渲染 ${p.rendered} 页、沿用 ${p.reused} 页` : ''}，负载 ${runLoad.toFixed(1)}）`,
      );
    }
  } finally {
    await browser.close();
    publisher.kill('SIGTERM');
    await new Promise((r) => publisher.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
  return { scale, policies, pages, full, runs };
}

async function main(): Promise<void> {
  ensureSharedBuild();
  await ensureCmsBuild();
  const results: Result[] = [];
  for (const scale of SCALES) {
    console.log(`› 规模：${scale === 'demo' ? '演示数据' : `${scale} 件政策文件`}`);
    const secret = temporarySecrets().API_TOKEN_SALT!;
    const ports = { portal: await freePort(), control: await freePort() };
    const secrets = temporarySecrets();
    const work = mkdtempSync(path.join(tmpdir(), 'bench-publish-'));
    try {
      let database: NodeJS.ProcessEnv = {};
      if (scale !== 'demo') {
        const t = Date.now();
        database = {
          DATABASE_CLIENT: 'sqlite',
          DATABASE_FILENAME: await corpusDatabase(Number.parseInt(scale, 10), work, secrets),
          DEMO_CONTENT: 'false',
        };
        console.log(`  已准备 ${scale} 件政策文件（${((Date.now() - t) / 1000).toFixed(0)} 秒）`);
      }
      // One CMS per scale, its webhook aimed at the publisher that measure() starts.
      const cms = await startCmsProcess({
        temporaryDatabase: scale === 'demo',
        env: {
          ...secrets,
          ...database,
          ADMIN_EMAIL: admin.email,
          ADMIN_PASSWORD: admin.password,
          LOG_LEVEL: 'error',
          STRAPI_STARTUP_LOG: 'false',
          PUBLISHER_WEBHOOK_URL: `http://127.0.0.1:${ports.control}/webhook`,
          PUBLISHER_SECRET: secret,
        },
      });
      try {
        results.push(await measure(scale, cms, await login(cms.url), secret, ports));
      } finally {
        await cms.stop();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    // After each scale, so a long run that fails later still leaves its figures.
    report(results);
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const range = (xs: number[], f: (x: number) => string) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
const scaleName = (r: Result) =>
  r.scale === 'demo' ? '演示数据' : r.scale.endsWith('/server') ? `${r.scale.replace('/server', '')}（PORTAL_SEARCH=server）` : r.scale;

function report(results: Result[]): void {
  const machine = `${cpus().length} 核 ${cpus()[0]?.model.trim() ?? ''}，内存 ${(totalmem() / 2 ** 30).toFixed(0)} GiB，Node ${process.version}`;
  const when = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const command = `BENCH_SCALES=${SCALES.join(',')} BENCH_RUNS=${RUNS}${process.env.BENCH_DB ? ` BENCH_DB=${process.env.BENCH_DB}` : ''} npm run bench:publish`;
  const phase = (r: Result, key: 'start' | 'sync' | 'bundle' | 'render' | 'sitemap') => {
    const xs = r.runs.map((x) => x.build.phases?.[key]).filter((x): x is number => x !== undefined);
    return xs.length ? `${median(xs).toFixed(1)} s` : '—';
  };
  const step = (b: BuildFigures, name: string) => b.steps.find((x) => x.name === name);
  const publishRows = results.map((r) => {
    const ms = r.runs.map((x) => x.ms);
    const rendered = r.runs.map((x) => x.build.phases?.rendered ?? 0);
    const search = r.runs.map((x) => (step(x.build, 'pagefind')?.seconds ?? 0) * 1000);
    return (
      `| ${scaleName(r)} | ${r.policies} | ${r.pages || '—'} | ${r.runs.length} | **${s(median(ms))}** | ${range(ms, s)} | ${s(median(r.runs.map((x) => x.build.ms)))} | ` +
      `${phase(r, 'start')} | ${phase(r, 'sync')} | ${phase(r, 'bundle')} | ${phase(r, 'render')} (${median(rendered)} 页) | ${phase(r, 'sitemap')} | ` +
      `${r.runs.some((x) => step(x.build, 'pagefind')) ? s(median(search)) : '—'} | ${range(
        r.runs.map((x) => x.load),
        (x) => x.toFixed(1),
      )} |`
    );
  });
  const publish = `## Publish to live (\`npm run bench:publish\`)

From the editor's publish in the CMS (admin API) until the portal serves the changed page; the
search index is switched in the same release, and the first run of each scale also checks the
search entry in Chromium. The portal's items are imported in bulk (the catalogue importer, corpus of
scripts/bench/corpus.ts); each run waits for the build that carries its publish and for the queue to
empty. Phases are those of the build that carried the publish (scripts/publisher/build.ts's log):
Astro's start, content sync, bundling (Vite), rendering (pages rendered again; the rest are copied
from Astro's incremental-build cache), sitemap, then the Pagefind step (its own process). Target:
≤ 10 s at 10,000 policy items.

Machine: ${machine}, shared with other jobs (1-minute load average at each publish in the last
column). Measured ${when}. Command: \`${command}\`.

| scale | policy items | pages | runs | median publish → live | range | median build | start | sync | bundle | render (re-rendered) | sitemap | search index | load |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${publishRows.join('\n')}
`;
  const fullRows = results.map((r) => {
    const p = r.full.phases;
    const astro = step(r.full, 'astro');
    const pagefind = step(r.full, 'pagefind');
    return (
      `| ${scaleName(r)} | ${r.pages || '—'} | **${s(r.full.ms)}** | ${p ? `${p.start.toFixed(1)} / ${p.sync.toFixed(1)} / ${p.bundle.toFixed(1)} / ${p.render.toFixed(1)} / ${p.sitemap.toFixed(1)} s` : '—'} | ` +
      `${astro ? `${astro.seconds.toFixed(1)} s, ${astro.peakMb ?? '?'} MB` : '—'} | ${pagefind ? `${pagefind.seconds.toFixed(1)} s, ${pagefind.peakMb ?? '?'} MB` : '（PORTAL_SEARCH=server：无）'} | ${r.full.load.toFixed(1)} |`
    );
  });
  const full = `## 全量构建

发布服务首次构建（缓存为空，全部页面渲染）：Astro 构建一个进程，结束后 Pagefind 在另一个进程中建索引，两者内存不叠加。
峰值内存为各步骤进程树的常驻内存（/proc 每 0.3 秒采样）。机器：${machine}，与其他任务共用；测于 ${when}，命令：\`${command}\`。

| 规模 | 页面 | 总用时 | 启动 / 同步 / 打包 / 渲染 / 站点地图 | Astro 步骤（用时、峰值内存） | Pagefind 步骤（用时、峰值内存） | 负载 |
|---|---|---|---|---|---|---|
${fullRows.join('\n')}

目标：10,000 件政策文件全量构建 ≤ 45 秒、峰值内存 ≤ 2 GB。
`;
  console.log(`\n${publish}\n${full}`);
  if (process.env.BENCH_WRITE) {
    const file = path.join(rootDir, 'docs', 'benchmarks.md');
    let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
    text = replaceSection(text, '## Publish to live', publish);
    text = replaceSection(text, '## 全量构建', full);
    writeFileSync(file, text);
    console.log('› 已写入 docs/benchmarks.md 的“Publish to live”与“全量构建”两节');
  }
}

/** The file with its section that starts with `heading` replaced (or added at the end); the rest untouched. */
function replaceSection(text: string, heading: string, section: string): string {
  const start = text.indexOf(`\n${heading}`);
  if (start < 0) return `${text.trimEnd()}\n\n${section}`;
  const end = text.indexOf('\n## ', start + 1);
  return `${text.slice(0, start + 1)}${section}${end < 0 ? '' : `\n${text.slice(end + 1)}`}`;
}

main().catch((error: Error) => {
  console.error(`✖ 基准测试失败：${error.message}`);
  process.exit(1);
});

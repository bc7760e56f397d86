// Publish-to-live benchmark (`npm run bench:publish`): how long from an editor's publish in the
// CMS until the public sees the change (page and search entry, switched together in one release),
// at demo scale and at 2,000 policy items. Prints the figures and writes docs/benchmarks.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ensureCmsBuild, freePort, rootDir, startCmsProcess, temporarySecrets, type CmsProcess } from '../cms.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SCALES = (process.env.BENCH_SCALES ?? 'demo,2000').split(',');
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

/** A policy item of realistic size: ~1,500 characters of body. */
function policy(n: number, agency: string) {
  const text = `为进一步做好第${n}项工作，规范办理程序，提高服务质量，结合实际，现就有关事项通知如下。`.repeat(30);
  return {
    title: `关于做好第${n}批农村人居环境整治工作的通知`,
    indexNumber: `11370305004326206C/2025-${String(n).padStart(5, '0')}`,
    docNumber: `敬政发〔2025〕${n}号`,
    publishDate: `2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
    writtenDate: '2025-01-02',
    topic: '农业、林业、水利\\农业、畜牧业、渔业',
    genre: '通知',
    validity: 'valid',
    summary: `第${n}批农村人居环境整治工作安排。`,
    agency,
    body: [{ type: 'paragraph', children: [{ type: 'text', text }] }],
  };
}

async function seed(call: Admin, target: number, agency: string): Promise<void> {
  const existing = (await call('GET', `/content-manager/collection-types/${POLICY}?page=1&pageSize=1`)).pagination.total as number;
  let next = existing;
  const worker = async () => {
    while (next < target) {
      const n = next++;
      const created = await call('POST', `/content-manager/collection-types/${POLICY}`, policy(n, agency));
      await call('POST', `/content-manager/collection-types/${POLICY}/${created.data.documentId}/actions/publish`, {});
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

function startPublisher(cmsUrl: string, secret: string, dir: string, ports: { portal: number; control: number }): ChildProcess {
  return spawn(process.execPath, [path.join(rootDir, 'scripts/publisher/main.ts')], {
    env: {
      ...process.env,
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

type Result = { scale: string; policies: number; runs: number[]; builds: number[]; pages: number };

async function measure(
  scale: string,
  cms: CmsProcess,
  call: Admin,
  secret: string,
  ports: { portal: number; control: number },
): Promise<Result> {
  const agency = (await call('GET', `/content-manager/collection-types/api::agency.agency?filters[slug][$eq]=jingzhong`)).results[0]
    .documentId as string;
  if (scale !== 'demo') {
    const t = Date.now();
    await seed(call, Number(scale), agency);
    console.log(`  已准备 ${scale} 件政策文件（${((Date.now() - t) / 1000).toFixed(0)} 秒）`);
  }
  const policies = (await call('GET', `/content-manager/collection-types/${POLICY}?page=1&pageSize=1`)).pagination.total as number;
  mkdirSync(path.join(rootDir, 'var'), { recursive: true });
  const dir = mkdtempSync(path.join(rootDir, 'var', 'bench-publisher-'));
  const publisher = startPublisher(cms.url, secret, dir, ports);
  const portal = `http://127.0.0.1:${ports.portal}`;
  const status = async () =>
    (await (await fetch(`http://127.0.0.1:${ports.control}/status`)).json()) as {
      building: boolean;
      queued: boolean;
      lastBuild: { id: string; ok: boolean; durationMs: number } | null;
    };
  await until(async () => ((await status()).lastBuild?.ok ? true : undefined), 600_000, '首次构建');
  const pages = Number((await (await fetch(`${portal}/sitemap.xml`).catch(() => null))?.text())?.match(/<loc>/g)?.length ?? 0);

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
  const runs: number[] = [];
  const builds: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const marker = `更新标记${Date.now().toString(36)}`;
      const before = (await status()).lastBuild!.id;
      await call('PUT', `/content-manager/collection-types/${POLICY}/${target}`, { title: `关于${marker}的通知` });
      const started = Date.now();
      await call('POST', `/content-manager/collection-types/${POLICY}/${target}/actions/publish`, {});
      await until(
        async () => ((await (await fetch(`${portal}/policies/${target}/`)).text()).includes(marker) ? true : undefined),
        300_000,
        '页面更新',
      );
      runs.push(Date.now() - started);
      const after = await until(
        async () => {
          const s = await status();
          return s.lastBuild && s.lastBuild.id !== before && !s.building ? s : undefined;
        },
        60_000,
        '构建结束',
      );
      builds.push(after.lastBuild!.durationMs);
      // The search entry switched with the page (same release): check it once in a real browser.
      if (i === 0) {
        const page = await browser.newPage();
        await page.goto(`${portal}/search/`);
        await page.locator('pagefind-input input').fill(marker);
        await page.locator('pagefind-results a').first().waitFor({ timeout: 20_000 });
        if (!(await page.locator('pagefind-results a').first().textContent())?.includes(marker)) throw new Error('搜索未找到刚发布的文件');
        await page.close();
      }
      console.log(`  第 ${i + 1} 次：发布到上线 ${runs.at(-1)} ms（构建 ${builds.at(-1)} ms）`);
    }
  } finally {
    await browser.close();
    publisher.kill('SIGTERM');
    await new Promise((r) => publisher.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
  return { scale, policies, runs, builds, pages };
}

async function main(): Promise<void> {
  await ensureCmsBuild();
  const results: Result[] = [];
  for (const scale of SCALES) {
    console.log(`› 规模：${scale === 'demo' ? '演示数据' : `${scale} 件政策文件`}`);
    const secret = temporarySecrets().API_TOKEN_SALT!;
    const ports = { portal: await freePort(), control: await freePort() };
    // One CMS per scale, its webhook aimed at the publisher that measure() starts after seeding.
    const cms = await startCmsProcess({
      temporaryDatabase: true,
      env: {
        ...temporarySecrets(),
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
  }
  report(results);
}

function report(results: Result[]): void {
  const machine = `${cpus().length} 核 ${cpus()[0]?.model.trim() ?? ''}，内存 ${(totalmem() / 2 ** 30).toFixed(0)} GiB，Node ${process.version}`;
  const rows = results.map(
    (r) =>
      `| ${r.scale === 'demo' ? '演示数据' : r.scale} | ${r.policies} | ${r.pages || '—'} | ${r.runs.length} | **${(median(r.runs) / 1000).toFixed(1)} s** | ${(Math.min(...r.runs) / 1000).toFixed(1)}–${(Math.max(...r.runs) / 1000).toFixed(1)} s | ${(median(r.builds) / 1000).toFixed(1)} s |`,
  );
  const text = `# Benchmarks

## Publish to live (\`npm run bench:publish\`)

From the editor's publish in the CMS (admin API) until the portal serves the changed page; the
search index is switched in the same release, and the first run of each scale also checks the
search entry in Chromium. Median of ${RUNS} runs. Target: ≤ 10 s at 2,000 policy items.

Machine: ${machine}. Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.

| scale | policy items | pages | runs | median publish → live | range | median build |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
  writeFileSync(path.join(rootDir, 'docs', 'benchmarks.md'), text);
  console.log(`\n${text}`);
}

main().catch((error: Error) => {
  console.error(`✖ 基准测试失败：${error.message}`);
  process.exit(1);
});

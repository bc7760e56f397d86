// The README's first command (`npm start`): the CMS with demo content and the publisher, which
// builds the portal from it, indexes it for search, serves it, and rebuilds it on every publish.
// Runs under Node 24 (scripts/with-node.sh). The CMS and the publisher are supervised (scripts/supervise.ts):
// either one exiting is restarted with backoff while the other keeps running.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { childStopper, cmsDir, ensureCmsBuild, rootDir, startCmsProcess } from './cms.ts';
import { demoSiteEnv } from './demo-site.ts';
import { Supervisor, type Service } from './supervise.ts';
import { PREVIEW_TOKEN_NAME, previewTokenRequest } from '../cms/src/security/preview-token.ts';

const CMS_PORT = Number(process.env.CMS_PORT ?? 1337);
const PORTAL_PORT = Number(process.env.PORTAL_PORT ?? 4321);
const PUBLISHER_PORT = Number(process.env.PUBLISHER_PORT ?? 4300);
const portalUrl = `http://127.0.0.1:${PORTAL_PORT}`;
const publisherUrl = `http://127.0.0.1:${PUBLISHER_PORT}`;
// Local demo only: documented in the README, never for a real deployment.
const adminEmail = process.env.ADMIN_EMAIL ?? 'admin@example.com';
const adminPassword = process.env.ADMIN_PASSWORD ?? 'Demo-Admin-2026';

/** Stops whatever has been started (a failed start must not leave the CMS running). */
let shutdown: (() => Promise<void>) | undefined;

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

/** cms/.env with fresh random secrets, written once and never committed. */
function ensureCmsSecrets(): void {
  const file = path.join(cmsDir, '.env');
  if (existsSync(file)) return;
  const s = () => randomBytes(16).toString('base64');
  const lines = [
    `APP_KEYS=${[s(), s(), s(), s()].join(',')}`,
    ...['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'].map((k) => `${k}=${s()}`),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/**
 * The API token of the portal's preview route (the only credential besides an admin session that
 * may read drafts; scope and lifespan in cms/src/security/preview-token.ts). Made afresh at every
 * start, which rotates it: Strapi shows a token's key only once.
 */
async function createPreviewToken(cmsUrl: string): Promise<string> {
  const login = await fetch(`${cmsUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: adminEmail, password: adminPassword }),
  });
  if (!login.ok) throw new Error(`无法以演示管理员登录以创建预览令牌（${login.status}）`);
  const jwt = ((await login.json()) as { data: { token: string } }).data.token;
  const call = (method: string, pathname: string, body?: unknown) =>
    fetch(`${cmsUrl}${pathname}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
      body: body ? JSON.stringify(body) : undefined,
    });
  const existing = ((await (await call('GET', '/admin/api-tokens')).json()) as { data: Array<{ id: number; name: string }> }).data;
  for (const token of existing.filter((t) => t.name === PREVIEW_TOKEN_NAME)) await call('DELETE', `/admin/api-tokens/${token.id}`);
  const created = await call('POST', '/admin/api-tokens', previewTokenRequest());
  if (!created.ok) throw new Error(`创建预览令牌失败（${created.status}）`);
  return ((await created.json()) as { data: { accessKey: string } }).data.accessKey;
}

async function waitForPortal(): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${portalUrl}/`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('门户 5 分钟内未能构建完成');
}

/** The publisher as a child process, resolved once its status endpoint answers. */
async function startPublisherProcess(env: NodeJS.ProcessEnv): Promise<Service> {
  const child: ChildProcess = spawn(process.execPath, [path.join(rootDir, 'scripts', 'publisher', 'main.ts')], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const stop = childStopper(child);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`发布服务启动失败（退出码 ${child.exitCode ?? child.signalCode}）`);
    try {
      await fetch(`${publisherUrl}/status`);
      return { child, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error('发布服务 30 秒内未就绪');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const tsc = spawnSync(process.execPath, [path.join(rootDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'shared'], {
    cwd: rootDir,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) throw new Error('shared/ 编译失败');
  ensureCmsSecrets();

  const tBuild = Date.now();
  if (await ensureCmsBuild()) console.log(`› 内容管理系统（含管理后台）构建用时 ${seconds(tBuild)} 秒`);

  // The CMS tells the publisher about every publish through a webhook signed with this secret,
  // and signs draft preview links with the other.
  const secret = randomBytes(18).toString('base64url');
  const previewSecret = randomBytes(24).toString('base64url');
  // The portal's /apply/ pages pass applications to the CMS with this one.
  const applySecret = randomBytes(24).toString('base64url');
  const tCms = Date.now();
  // Supervised: a CMS that exits is started again with backoff on the same port and database,
  // and the publisher keeps serving the portal meanwhile (its builds wait and retry).
  const cmsSupervisor = new Supervisor({
    name: '内容管理系统',
    start: () =>
      startCmsProcess({
        port: CMS_PORT,
        inheritOutput: true,
        env: {
          ADMIN_EMAIL: adminEmail,
          ADMIN_PASSWORD: adminPassword,
          PUBLISHER_WEBHOOK_URL: `${publisherUrl}/webhook`,
          PUBLISHER_SECRET: secret,
          PREVIEW_SECRET: previewSecret,
          APPLY_SECRET: applySecret,
          PORTAL_URL: portalUrl,
          // The edit view's "已上线" reads the publisher's status through the CMS (cms/src/review/live-status.ts).
          PUBLISHER_URL: publisherUrl,
        },
      }),
  });
  // Assigned once the CMS is up, but shutdown (set now) must reach it: a let, not a const.
  // eslint-disable-next-line prefer-const
  let publisherSupervisor: Supervisor | undefined;
  shutdown = async () => {
    await Promise.all([publisherSupervisor?.stop(), cmsSupervisor.stop()]);
  };
  const stopAll = async () => {
    await shutdown?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll());
  process.on('SIGTERM', () => void stopAll());
  await cmsSupervisor.start();
  const cmsUrl = `http://127.0.0.1:${CMS_PORT}`;
  const previewToken = await createPreviewToken(cmsUrl);
  console.log(`› 内容管理系统已就绪，用时 ${seconds(tCms)} 秒`);

  const tSite = Date.now();
  // Supervised too: a publisher that exits is restarted; nginx (production) or the next
  // publisher serves the last good release, which stays on disk.
  publisherSupervisor = new Supervisor({
    name: '发布服务',
    start: () =>
      startPublisherProcess({
        // The demo's name and notice on the portal, unless set otherwise (site/site.config.ts).
        ...Object.fromEntries(Object.entries(demoSiteEnv).map(([k, v]) => [k, process.env[k] ?? v])),
        CMS_URL: cmsUrl,
        PORTAL_PORT: String(PORTAL_PORT),
        PUBLISHER_PORT: String(PUBLISHER_PORT),
        PUBLISHER_SECRET: secret,
        PREVIEW_SECRET: previewSecret,
        PREVIEW_API_TOKEN: previewToken,
        APPLY_SECRET: applySecret,
      }),
  });
  await publisherSupervisor.start();
  await waitForPortal();
  console.log(`› 门户构建与索引用时 ${seconds(tSite)} 秒`);

  console.log(`
════════════════════════════════════════════════════════════════
 政府信息公开平台（演示）已启动，用时 ${seconds(t0)} 秒
   门户网站      ${portalUrl}/
   内容管理后台  ${cmsUrl}/admin
   GraphQL       ${cmsUrl}/graphql
   发布状态      ${publisherUrl}/status（在后台发布后，门户几秒内自动更新）
   草稿预览      在后台编辑页点“预览”（链接签名，10 分钟内有效）
   演示登录      ${adminEmail} / ${adminPassword}（仅限本机演示）
 按 Ctrl+C 停止。
════════════════════════════════════════════════════════════════`);
}

main().catch(async (error: Error) => {
  console.error(`\n✖ 启动失败：${error.message}`);
  await shutdown?.().catch(() => {});
  process.exit(1);
});

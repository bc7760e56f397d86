// The README's first command (`npm start`): the CMS with demo content, the portal built from it
// and indexed for search, both served on 127.0.0.1. Runs under Node 24 (scripts/with-node.sh).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { run, seconds, start, waitFor } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const cmsDir = path.join(root, 'cms');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const CMS_PORT = Number(process.env.CMS_PORT ?? 1337);
const PORTAL_PORT = Number(process.env.PORTAL_PORT ?? 4321);
const PUBLISHER_PORT = Number(process.env.PUBLISHER_PORT ?? 4300);
const cmsUrl = `http://127.0.0.1:${CMS_PORT}`;
const portalUrl = `http://127.0.0.1:${PORTAL_PORT}`;
// Local demo only: documented in the README, never for a real deployment.
const adminEmail = process.env.ADMIN_EMAIL ?? 'admin@example.com';
const adminPassword = process.env.ADMIN_PASSWORD ?? 'Demo-Admin-2026';

/** cms/.env with fresh random secrets, written once and never committed. */
function ensureCmsSecrets() {
  const file = path.join(cmsDir, '.env');
  if (existsSync(file)) return;
  const s = () => randomBytes(16).toString('base64');
  writeFileSync(
    file,
    [
      `APP_KEYS=${[s(), s(), s(), s()].join(',')}`,
      `API_TOKEN_SALT=${s()}`,
      `ADMIN_JWT_SECRET=${s()}`,
      `TRANSFER_TOKEN_SALT=${s()}`,
      `JWT_SECRET=${s()}`,
      `ENCRYPTION_KEY=${s()}`,
      '',
    ].join('\n'),
  );
}

/** Newest modification time under a folder (to skip an admin rebuild when nothing changed). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

async function main() {
  const t0 = Date.now();
  await run(bin('tsc'), ['-p', 'shared'], { cwd: root });
  ensureCmsSecrets();

  const adminIndex = path.join(cmsDir, 'dist', 'build', 'index.html');
  const sources = Math.max(newest(path.join(cmsDir, 'src')), newest(path.join(cmsDir, 'config')), newest(path.join(root, 'shared', 'dist')));
  if (!existsSync(adminIndex) || statSync(adminIndex).mtimeMs < sources) {
    const t = Date.now();
    console.log('› 构建内容管理系统（含管理后台）…');
    await run(bin('strapi'), ['build'], { cwd: cmsDir, env: { ...process.env, NODE_ENV: 'production' } });
    console.log(`› 管理后台构建用时 ${seconds(t)} 秒`);
  }

  // The CMS tells the publisher about every publish through a webhook signed with this secret.
  const secret = randomBytes(18).toString('base64url');
  const publisherUrl = `http://127.0.0.1:${PUBLISHER_PORT}`;
  const tCms = Date.now();
  const cms = start(bin('strapi'), ['start'], {
    cwd: cmsDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(CMS_PORT),
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      PUBLISHER_WEBHOOK_URL: `${publisherUrl}/webhook`,
      PUBLISHER_SECRET: secret,
    },
  });
  await waitFor(`${cmsUrl}/_health`, { child: cms });
  console.log(`› 内容管理系统已就绪，用时 ${seconds(tCms)} 秒`);

  // The publisher builds the portal (and its search index), serves it, and rebuilds on every publish.
  const tSite = Date.now();
  const portal = start(process.execPath, [path.join(root, 'scripts', 'publisher', 'main.ts')], {
    env: { ...process.env, CMS_URL: cmsUrl, PORTAL_PORT: String(PORTAL_PORT), PUBLISHER_PORT: String(PUBLISHER_PORT), PUBLISHER_SECRET: secret },
  });
  await waitFor(`${portalUrl}/`, { child: portal, ready: (status) => status === 200 });
  console.log(`› 门户构建与索引用时 ${seconds(tSite)} 秒`);

  console.log(`
════════════════════════════════════════════════════════════════
 政府信息公开平台（演示）已启动，用时 ${seconds(t0)} 秒
   门户网站      ${portalUrl}/
   内容管理后台  ${cmsUrl}/admin
   GraphQL       ${cmsUrl}/graphql
   发布状态      ${publisherUrl}/status（在后台发布后，门户几秒内自动更新）
   演示登录      ${adminEmail} / ${adminPassword}（仅限本机演示）
 按 Ctrl+C 停止。
════════════════════════════════════════════════════════════════`);

  const stopAll = () => {
    portal.kill('SIGTERM');
    cms.kill('SIGTERM');
    process.exit(0);
  };
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
  for (const child of [cms, portal]) child.on('exit', (code) => { console.error(`› 子进程退出（${code}），停止演示。`); stopAll(); });
}

main().catch((error) => {
  console.error(`\n✖ 启动失败：${error.message}`);
  process.exit(1);
});

// The publisher as a process: `node scripts/publisher/main.ts` (npm start runs it). Settings from the environment.
import path from 'node:path';
import { Publisher } from './publisher.ts';
import { rendererPort } from './renderer.ts';

const root = path.resolve(import.meta.dirname, '../..');
const secret = process.env.PUBLISHER_SECRET ?? '';
if (!secret) {
  console.error(
    '✖ 发布服务无法启动：缺少环境变量 PUBLISHER_SECRET。请设置与内容管理系统 webhook 相同的密钥（例如 openssl rand -base64 24 生成），未签名的发布信号一律拒绝。',
  );
  process.exit(1);
}
const publisher = new Publisher({
  dir: path.resolve(process.env.PUBLISHER_DIR ?? path.join(root, 'var', 'portal')),
  cmsUrl: process.env.CMS_URL ?? 'http://127.0.0.1:1337',
  portal: { host: process.env.PORTAL_HOST ?? '127.0.0.1', port: Number(process.env.PORTAL_PORT ?? 4321) },
  control: { host: process.env.PUBLISHER_HOST ?? '127.0.0.1', port: Number(process.env.PUBLISHER_PORT ?? 4300) },
  secret,
  rendererPort: rendererPort(),
  keepReleases: Number(process.env.PUBLISHER_KEEP_RELEASES ?? 3),
  retry: { baseMs: Number(process.env.PUBLISHER_RETRY_BASE_MS ?? 2_000), maxMs: Number(process.env.PUBLISHER_RETRY_MAX_MS ?? 60_000) },
  acceptShrink: process.env.PUBLISHER_ACCEPT_SHRINK === '1',
  ...(process.env.PUBLISHER_QUEUE_DATABASE_URL
    ? {
        queue: {
          url: process.env.PUBLISHER_QUEUE_DATABASE_URL,
          name: process.env.PUBLISHER_NAME || undefined,
          pollMs: Number(process.env.PUBLISHER_QUEUE_POLL_MS ?? 5_000),
        },
      }
    : {}),
  rendererEnv: {
    PREVIEW_SECRET: process.env.PREVIEW_SECRET ?? '',
    PREVIEW_API_TOKEN: process.env.PREVIEW_API_TOKEN ?? '',
    APPLY_SECRET: process.env.APPLY_SECRET ?? '',
  },
});

await publisher.start();
console.log(`› 发布服务：门户 ${publisher.portalUrl}/，状态 http://127.0.0.1:${process.env.PUBLISHER_PORT ?? 4300}/status`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void publisher.stop().then(() => process.exit(0));
  });
}

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../net.ts';

/*
 * 政策文件库 · 组合筛选 (/policies/filter/) measured on a built release: starts the release's own
 * server (server/entry.mjs, as the publisher's renderer does), times the first request (the
 * content store is read and the library index built), then 50 requests over varied combinations
 * of facets and keywords, one at a time, and reads the server's memory from /proc.
 *
 *   node scripts/bench/library-filter.ts <dist folder of an astro build> [requests]
 */

const [distArg, countArg] = process.argv.slice(2);
if (!distArg) {
  console.error('用法：node scripts/bench/library-filter.ts <构建输出目录（含 server/entry.mjs）> [请求数，默认 50]');
  process.exit(2);
}
const dist = path.resolve(distArg);
const count = Number(countArg ?? 50);
const port = await freePort();
const server = spawn(process.execPath, [path.join(dist, 'server', 'entry.mjs')], {
  env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ASTRO_NODE_LOGGING: 'disabled' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    await fetch(`${base}/robots.txt`);
    break;
  } catch {
    if (i > 300 || server.exitCode !== null) throw new Error('服务未能启动');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const memory = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
};
const timed = async (pathname: string) => {
  const started = performance.now();
  const response = await fetch(`${base}${pathname}`);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${pathname} → ${response.status}`);
  return { ms: performance.now() - started, body };
};

// Whatever happens below, the server does not outlive the measurement.
process.on('exit', () => server.kill('SIGTERM'));
const idle = memory();
const cold = await timed('/policies/filter/');
const total = /共 (\d+) 件/.exec(cold.body)?.[1];
// The values on offer, read from the page's own facet links.
const offered = new Map<string, string[]>();
for (const [, query] of cold.body.matchAll(/href="\/policies\/filter\/\?([^"]+)"/g)) {
  for (const [key, value] of new URLSearchParams(query!.replace(/&amp;/g, '&'))) {
    if (key === 'page' || key === 'q') continue;
    if (!offered.has(key)) offered.set(key, []);
    if (!offered.get(key)!.includes(value)) offered.get(key)!.push(value);
  }
}
const keywords = ['通知', '实施方案', '管理办法', '〔2021〕', '[2022]', '工作要点', '办公室', '安全生产'];
// A fixed pseudo-random sequence, so every run asks the same combinations.
let seed = 20261201;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const keys = [...offered.keys()];
const combinations = Array.from({ length: count }, () => {
  const params = new URLSearchParams();
  const facets = 1 + Math.floor(random() * 4);
  for (let i = 0; i < facets; i++) {
    const key = pick(keys);
    params.set(key, pick(offered.get(key)!));
  }
  if (random() < 0.4) params.set('q', pick(keywords));
  if (random() < 0.2) params.set('page', String(2 + Math.floor(random() * 3)));
  return `/policies/filter/?${params}`;
});
const times: number[] = [];
for (const pathname of combinations) times.push((await timed(pathname)).ms);
const after = memory();
server.kill('SIGTERM');

times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
const result = {
  documents: Number(total),
  facets: Object.fromEntries([...offered].map(([key, values]) => [key, values.length])),
  coldMs: Math.round(cold.ms),
  requests: times.length,
  medianMs: Math.round(at(0.5) * 10) / 10,
  p95Ms: Math.round(at(0.95) * 10) / 10,
  maxMs: Math.round(times.at(-1)! * 10) / 10,
  rssIdleMb: idle.rssMb,
  rssAfterMb: after.rssMb,
  rssPeakMb: after.peakMb,
};
console.log(JSON.stringify(result, null, 2));

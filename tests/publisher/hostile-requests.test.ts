import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/portal.ts';
import { reservePorts, startPublisher, type RunningPublisher } from '../helpers/publisher.ts';

/*
 * What an anonymous stranger can send the publisher's servers (the portal and the control port):
 * control characters, broken UTF-8, encoded slashes and dots, backslashes, huge paths, odd
 * methods, absolute-form targets and plain garbage, over a raw socket so nothing normalises them
 * first. Every answer is an ordinary status, no redirect leaves the site, and the process lives.
 *
 * The served release is a small fixture folder laid out as a build lays it out (the server under
 * test is real; the CMS is not needed, so the publisher's own build fails and is not retried soon).
 */

const root = path.resolve(import.meta.dirname, '../..');
const secret = 'hostile-requests-secret';
let publisher: RunningPublisher;
let portalPort: number;
let controlPort: number;

function seedRelease(dir: string): void {
  const id = '20200101T000000000Z';
  const client = path.join(dir, 'releases', id, 'client');
  for (const folder of ['', 'policies', 'policies/中', '_astro']) mkdirSync(path.join(client, folder), { recursive: true });
  writeFileSync(path.join(client, 'index.html'), '<!doctype html><title>首页</title>');
  writeFileSync(path.join(client, '404.html'), '<!doctype html><title>页面不存在</title>');
  writeFileSync(path.join(client, 'policies', 'index.html'), '<!doctype html><title>政策文件库</title>');
  writeFileSync(path.join(client, 'policies', '中', 'index.html'), '<!doctype html><title>中</title>');
  writeFileSync(path.join(client, '_astro', 'app.js'), 'console.log(1)');
  symlinkSync(path.join('releases', id), path.join(dir, 'current'));
}

beforeAll(async () => {
  const ports = await reservePorts();
  portalPort = ports.portal;
  controlPort = ports.control;
  // Nothing listens there: the publisher's builds fail, which is not what this suite is about.
  const cmsUrl = `http://127.0.0.1:${await freePort()}`;
  publisher = await startPublisher({ cmsUrl, secret, ports, env: { PUBLISHER_RETRY_BASE_MS: '600000' } });
  seedRelease(publisher.dir);
});

afterAll(async () => {
  await publisher?.stop();
});

type RawAnswer = { status: number | null; head: string };

/** Sends bytes as they are and reads the answer's head; null status if the server just closed. */
function raw(port: number, bytes: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const done = () => {
      socket.destroy();
      const head = data.split('\r\n\r\n')[0] ?? '';
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve({ status: match ? Number(match[1]) : null, head });
    };
    socket.setTimeout(5_000, done);
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (data.includes('\r\n\r\n')) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

const get = (target: string, method = 'GET') => `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;

/** Paths that must not crash the server, redirect elsewhere or reach outside the release. */
const hostilePaths = [
  '/%0d%0aX/..%2fpolicies',
  '/policies%2F%E4%B8%AD%2F..',
  '/%2Fevil.example%2F..%2Fpolicies',
  '/%2F%2Fevil.example%2Fpolicies',
  '//evil.example/..//policies',
  '/%5Cevil.example%5C..%2Fpolicies',
  '/\\evil.example/%2e%2e/policies',
  '/\\\\evil.example\\policies',
  '/policies%0d%0aSet-Cookie:%20x=1',
  '/policies%0aLocation:%20http://evil.example',
  '/%00',
  '/policies%00.html',
  '/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd',
  '/%C0%AF',
  '/%FF',
  '/%E4%B8',
  '/%',
  '/%zz',
  '/%u002e%u002e/',
  '/..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/..%5c..%5c..%5cetc%5cpasswd',
  '/policies/%2e%2e/%2e%2e/%2e%2e/',
  '/policies/中',
  '/policies/%E4%B8%AD',
  '/policies/%E4%B8%AD/%2e%2e',
  '/_astro/app.js%00.html',
  '/policies?x=%0d%0aSet-Cookie:x',
  `/${'a'.repeat(8192)}`,
  `/${'%2e%2e/'.repeat(1200)}etc/passwd`,
  `/${'%C0%AE'.repeat(1500)}`,
  '/%E2%80%AE%E2%80%8Bpolicies',
  '/%EF%BF%BD',
  '/%ED%A0%80',
  '*',
  'http://evil.example/policies',
  'http://evil.example//evil.example/../policies',
  'https://evil.example/%0d%0a/..%2fpolicies',
];

const normal = new Set([200, 301, 400, 404, 405, 414, 431]);

function checkAnswer(what: string, answer: RawAnswer): void {
  expect(answer.status, `${what} → ${answer.head.slice(0, 200)}`).not.toBeNull();
  expect(normal.has(answer.status!), `${what} → ${answer.head.slice(0, 200)}`).toBe(true);
  const location = /\r\nlocation: ([^\r\n]*)/i.exec(answer.head)?.[1];
  if (answer.status === 301) {
    expect(location, what).toBeDefined();
    // A same-site path: one leading slash, then no slash or backslash, nothing a browser reads as a host.
    expect(location!, `${what} → ${location}`).toMatch(/^\/(?![/\\])/);
    expect(location!, `${what} → ${location}`).not.toMatch(/[\u0000-\u0020\u007f-\uffff\\]/);
    expect(location!.toLowerCase(), what).not.toContain('evil.example/');
  }
  expect(answer.head.toLowerCase(), what).not.toContain('set-cookie');
}

describe('the portal server under hostile requests', () => {
  it('answers every hostile path with an ordinary status and redirects only within the site', async () => {
    for (const target of hostilePaths) {
      for (const method of ['GET', 'HEAD']) checkAnswer(`${method} ${target.slice(0, 80)}`, await raw(portalPort, get(target, method)));
    }
    expect((await fetch(`${publisher.portalUrl}/`)).status).toBe(200);
  });

  it('redirects a folder without its slash to its own normalised path', async () => {
    const evil = await raw(portalPort, get('/%2Fevil.example%2F..%2Fpolicies'));
    expect(evil.status).toBe(301);
    expect(/\r\nlocation: ([^\r\n]*)/i.exec(evil.head)?.[1]).toBe('/policies/');
    const chinese = await raw(portalPort, get('/policies/%E4%B8%AD'));
    expect(/\r\nlocation: ([^\r\n]*)/i.exec(chinese.head)?.[1]).toBe('/policies/%E4%B8%AD/');
    expect((await raw(portalPort, get('/%0d%0aX/..%2fpolicies'))).status).toBe(400);
    expect((await raw(portalPort, get('/..%2f..%2f..%2f..%2fetc%2fpasswd'))).status).toBe(404);
    expect((await raw(portalPort, get('/index.html/'))).status).toBe(404);
    expect((await raw(portalPort, get('/policies/%E4%B8%AD/'))).status).toBe(200);
  });

  it('answers odd methods, malformed requests and garbage without dying', async () => {
    const requests: Array<[string, string | Buffer]> = [
      ['TRACE', get('/', 'TRACE')],
      ['PROPFIND', get('/policies/', 'PROPFIND')],
      ['DELETE', get('/index.html', 'DELETE')],
      ['OPTIONS *', get('*', 'OPTIONS')],
      ['CONNECT', 'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n'],
      ['made-up method', get('/', 'FOO')],
      ['upgrade', 'GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n'],
      ['HTTP/0.9', 'GET /\r\n\r\n'],
      ['no version', 'GET / \r\n\r\n'],
      ['HTTP/9.9', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n'],
      ['raw CR in target', 'GET /a\rb HTTP/1.1\r\nHost: x\r\n\r\n'],
      ['raw NUL in target', Buffer.from('GET /a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1')],
      [
        'raw UTF-8 in target',
        Buffer.concat([
          Buffer.from('GET /'),
          Buffer.from([0xc0, 0xae, 0xff, 0xfe]),
          Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
        ]),
      ],
      ['header too large', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`],
      ['bad header name', 'GET / HTTP/1.1\r\nHo st: x\r\n\r\n'],
      ['bad content-length', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n'],
      ['two content-lengths', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
      ['bad chunked', 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
      ['garbage', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a])],
      ['TLS hello', Buffer.from('16030100a5010000a10303', 'hex')],
    ];
    for (const [what, bytes] of requests) {
      const answer = await raw(portalPort, bytes);
      if (answer.status !== null) checkAnswer(what, answer);
      else expect(['CONNECT', 'upgrade'], `${what}: closed without an answer`).toContain(what);
    }
    expect((await fetch(`${publisher.portalUrl}/policies/`)).status).toBe(200);
  });
});

describe('the control server under hostile requests', () => {
  it('answers the same corpus with ordinary statuses and keeps answering /status', async () => {
    for (const target of [...hostilePaths, '/status%00', '/webhook%0d%0a', '/status/..%2fwebhook']) {
      for (const method of ['GET', 'POST', 'PROPFIND']) {
        const answer = await raw(controlPort, get(target, method));
        expect(answer.status, `${method} ${target.slice(0, 80)}`).not.toBeNull();
        expect([200, 400, 401, 404, 405, 414, 431], `${method} ${target.slice(0, 80)} → ${answer.status}`).toContain(answer.status);
      }
    }
    const oversized = await raw(
      controlPort,
      `POST /webhook HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${secret}\r\nContent-Length: 2000000\r\n\r\n${'x'.repeat(1_100_000)}`,
    );
    expect(oversized.status).not.toBe(500);
    expect((await publisher.status()).current).toBe('20200101T000000000Z');
  });

  it('shows no file-system path in /status', async () => {
    await publisher.settled();
    const text = await (await fetch(`${publisher.controlUrl}/status`)).text();
    expect(text).not.toContain(root);
    expect(text).not.toContain(publisher.dir);
    expect(text).not.toMatch(/"\/(tmp|work|home|root|var|usr|srv|opt)\//);
    const status = JSON.parse(text) as { lastBuild: { log: string; ok: boolean } | null };
    expect(status.lastBuild?.ok).toBe(false);
    expect(status.lastBuild?.log).toMatch(/^logs\/[0-9TZ]+\.log$/);
  });

  it('reports a failed build, its automatic retry and the unreachable CMS, in Chinese', async () => {
    const status = (await publisher.settled()) as unknown as {
      state: string;
      message: string;
      current: string;
      retry: { attempts: number; nextRetryAt: string | null; lastError: string | null };
      cms: { reachable: boolean };
    };
    expect(status.state).toBe('retrying');
    expect(status.retry.attempts).toBeGreaterThanOrEqual(1);
    expect(Date.parse(status.retry.nextRetryAt ?? '')).toBeGreaterThan(Date.now());
    expect(status.retry.lastError).toContain('内容管理系统（CMS_URL）无法访问');
    expect(status.message).toContain('自动重试');
    expect(status.cms.reachable).toBe(false);
    expect(status.current).toBe('20200101T000000000Z');
  });

  it('refuses a wrong secret of any length, and signals with the right one', async () => {
    for (const wrong of ['', 'x', `${secret}x`, secret.slice(0, -1), 'é'.repeat(100)])
      expect((await publisher.signal({}, wrong)).status).toBe(401);
    const none = await fetch(`${publisher.controlUrl}/webhook`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect((await publisher.signal({ model: 'audit-entry' })).status).toBe(202);
  });
});

describe('the publisher process', () => {
  it('refuses to start without a webhook secret, saying so in Chinese', async () => {
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/publisher/main.ts')], {
      env: {
        ...process.env,
        PUBLISHER_SECRET: '',
        PUBLISHER_DIR: path.join(publisher.dir, 'unused'),
        PORTAL_PORT: String(await freePort()),
        PUBLISHER_PORT: String(await freePort()),
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PUBLISHER_SECRET');
    expect(result.stderr).toMatch(/缺少/);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, guarded, hardened, localLocation, requestPath, serveStatic } from '../../scripts/publisher/static.ts';

describe('requestPath', () => {
  it('decodes once and normalises to one leading slash without dot segments', () => {
    expect(requestPath('/policies/abc/')).toEqual({ pathname: '/policies/abc', trailingSlash: true });
    expect(requestPath('/')).toEqual({ pathname: '/', trailingSlash: true });
    expect(requestPath('//a///b/../c')).toEqual({ pathname: '/a/c', trailingSlash: false });
    expect(requestPath('/%E6%94%BF%E7%AD%96/')).toEqual({ pathname: '/政策', trailingSlash: true });
    expect(requestPath('/../../etc/passwd')).toEqual({ pathname: '/etc/passwd', trailingSlash: false });
    expect(requestPath('/%2e%2e/%2e%2e/etc/passwd')?.pathname).toBe('/etc/passwd');
    expect(requestPath('http://evil.example/x?y=1')).toEqual({ pathname: '/x', trailingSlash: false });
    // Decoded once: %252e stays a literal "%2e" segment, not "..".
    expect(requestPath('/%252e%252e/x')?.pathname).toBe('/%2e%2e/x');
  });

  it('refuses bad percent-encoding and control characters', () => {
    for (const url of ['/%', '/%zz', '/%C0%AE%C0%AE/', '/%FF', '/a%00b', '/a%0d%0aSet-Cookie:x', '/%7F', '/%C2%85'])
      expect(requestPath(url)).toBeNull();
  });
});

describe('localLocation', () => {
  it('re-encodes every segment so a redirect never leaves the site', () => {
    expect(localLocation('/policies', true)).toBe('/policies/');
    expect(localLocation('/', true)).toBe('/');
    expect(localLocation('/evil.example', true)).toBe('/evil.example/');
    expect(localLocation('/政策', false)).toBe('/%E6%94%BF%E7%AD%96');
    expect(localLocation('/a\\b', true)).toBe('/a%5Cb/');
    expect(localLocation('//x', true).startsWith('//')).toBe(false);
  });
});

describe('serveStatic over HTTP', () => {
  let root: string;
  let server: Server;
  let base: string;
  let failing: Server;
  let failingBase: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'static-test-'));
    const site = path.join(root, 'site');
    mkdirSync(path.join(site, 'policies', '政策'), { recursive: true });
    writeFileSync(path.join(site, 'index.html'), '<h1>首页</h1>');
    writeFileSync(path.join(site, '404.html'), '<h1>页面不存在</h1>');
    writeFileSync(path.join(site, 'policies', 'index.html'), '<h1>政策文件库</h1>');
    writeFileSync(path.join(site, 'policies', '政策', 'index.html'), '<h1>中文路径</h1>');
    writeFileSync(path.join(site, 'data.json'), '{"a":1}');
    writeFileSync(path.join(site, 'app.js'), `const 政府信息公开 = ${JSON.stringify('政策文件'.repeat(2000))};\n`);
    writeFileSync(path.join(site, 'index.pf_meta'), Buffer.alloc(4096, 7));
    writeFileSync(path.join(root, 'secret.txt'), 'outside the site');
    server = hardened(createServer(guarded('test', (req, res) => serveStatic(req.url?.startsWith('/__none') ? null : site, req, res))));
    failing = hardened(
      createServer(
        guarded('failing', () => {
          throw new Error('boom');
        }),
      ),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    failingBase = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await new Promise((r) => failing.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  it('serves files and directory indexes, with HEAD answering headers only', async () => {
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toBe('<h1>首页</h1>');
    expect(await (await fetch(`${base}/policies/`)).text()).toContain('政策文件库');
    expect(await (await fetch(`${base}/policies/%E6%94%BF%E7%AD%96/`)).text()).toContain('中文路径');
    const json = await fetch(`${base}/data.json`);
    expect(json.headers.get('content-type')).toContain('json');
    const head = await fetch(`${base}/policies/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('compresses text files for clients that take gzip, and only those', async () => {
    // fetch always asks for gzip and decodes it; a raw request shows what is on the wire.
    const raw = (url: string, acceptEncoding?: string) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        const req = request(`${base}${url}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    const original = `const 政府信息公开 = ${JSON.stringify('政策文件'.repeat(2000))};\n`;
    const zipped = await raw('/app.js', 'gzip, deflate, br');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(zipped.body.length).toBeLessThan(Buffer.byteLength(original) / 10);
    expect(gunzipSync(zipped.body).toString()).toBe(original);
    const again = await raw('/app.js', 'gzip');
    expect(again.body.equals(zipped.body)).toBe(true);
    const plain = await raw('/app.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(original);
    expect((await raw('/app.js', 'gzip;q=0, identity')).headers['content-encoding']).toBeUndefined();
    // Small files and Pagefind's own (already compressed) files go as they are.
    expect((await raw('/data.json', 'gzip')).headers['content-encoding']).toBeUndefined();
    const meta = await raw('/index.pf_meta', 'gzip');
    expect(meta.headers['content-encoding']).toBeUndefined();
    expect(meta.body.length).toBe(4096);
  });

  it('reads Accept-Encoding as HTTP says', () => {
    const asked = (value?: string) => acceptsGzip({ headers: value === undefined ? {} : { 'accept-encoding': value } } as never);
    expect(asked('gzip')).toBe(true);
    expect(asked('br, GZIP;q=0.5')).toBe(true);
    expect(asked('*')).toBe(true);
    expect(asked('gzip;q=0')).toBe(false);
    expect(asked('gzip; q=0.000')).toBe(false);
    expect(asked('br, deflate')).toBe(false);
    expect(asked('')).toBe(false);
    expect(asked()).toBe(false);
  });

  it('redirects a directory without its slash to the same site', async () => {
    const response = await fetch(`${base}/policies`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/policies/');
    const doubled = await fetch(`${base}//policies`, { redirect: 'manual' });
    expect(doubled.headers.get('location')).toBe('/policies/');
  });

  it('answers missing files, a file with a trailing slash and escapes with the portal 404 page', async () => {
    for (const url of ['/nope/', '/data.json/', '/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const response = await fetch(`${base}${url}`);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toContain('页面不存在');
    }
  });

  it('refuses other methods, bad encodings and a missing first build in Chinese', async () => {
    const post = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await post.text()).toContain('只接受 GET 和 HEAD');
    const bad = await fetch(`${base}/%C0%AE`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('请求地址无法解析');
    const none = await fetch(`${base}/__none`);
    expect(none.status).toBe(503);
    expect(none.headers.get('retry-after')).toBe('5');
  });

  it('turns a throwing handler into a 500 in Chinese and keeps serving', async () => {
    const response = await fetch(`${failingBase}/`);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('服务器内部错误');
    expect((await fetch(`${base}/`)).status).toBe(200);
  });
});

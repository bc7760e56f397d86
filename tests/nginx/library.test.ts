import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { startNginx, type RunningNginx } from '../helpers/nginx.ts';
import { freePort } from '../helpers/portal.ts';
import { withoutCareModeScript } from '../helpers/portal-suite.ts';
import { reservePorts, startPublisher, type RunningPublisher } from '../helpers/publisher.ts';
import { dangerousMarkup } from '../helpers/xss.ts';

/*
 * 政策文件库 · 组合筛选 as it is served: the publisher builds a release from a real CMS, its renderer
 * answers /policies/filter/ (ON_DEMAND_PREFIXES), and Debian's nginx with the shipped config
 * proxies it there. Checked over real HTTP on both fronts: the page, the headers every page
 * carries (CSP, no-cache, nosniff), and hostile addresses, which get a Chinese answer and never a
 * 500, while the renderer keeps serving the same release.
 */

let cms: RunningCms;
let publisher: RunningPublisher;
let nginx: RunningNginx;

beforeAll(async () => {
  const ports = await reservePorts();
  const rendererPort = await freePort();
  cms = await startCms();
  publisher = await startPublisher({ cmsUrl: cms.url, secret: 'x', ports, env: { RENDERER_PORT: String(rendererPort) } });
  const status = await publisher.settled(null, 300_000);
  if (!status.lastBuild?.ok) throw new Error(`构建失败：${status.lastBuild?.error}`);
  nginx = await startNginx({ root: `${publisher.dir}/current/client`, rendererPort });
}, 420_000);

afterAll(async () => {
  await nginx?.stop();
  await publisher?.stop();
  await cms?.stop();
});

const PAGE_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const titles = (html: string) => [...html.matchAll(/<li>\s*<a href="\/policies\/[^"/]+\/">([^<]+)<\/a>/g)].map((m) => m[1]);

describe('the combined view behind nginx and the publisher', () => {
  it('is answered by the release’s renderer with the headers of every page', async () => {
    const pathname = '/policies/filter/?agency=linzi&year=2021&validity=valid';
    const viaNginx = await fetch(`${nginx.url}${pathname}`);
    expect(viaNginx.status).toBe(200);
    const body = await viaNginx.text();
    expect(titles(body)).toEqual(['临淄区农村宅基地管理办法']);
    expect(body).toContain('共 1 件');
    expect(viaNginx.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(viaNginx.headers.get('content-security-policy')).toContain(PAGE_CSP);
    expect(viaNginx.headers.get('cache-control')).toBe('no-cache');
    expect(viaNginx.headers.get('x-content-type-options')).toBe('nosniff');
    expect(viaNginx.headers.get('x-frame-options')).toBe('DENY');
    expect(viaNginx.headers.get('x-robots-tag')).toBe('noindex, follow');
    expect(viaNginx.headers.get('x-powered-by')).toBeNull();

    // The publisher's own front (npm start) passes it to the same renderer.
    const viaPublisher = await fetch(`${publisher.portalUrl}${pathname}`);
    expect(viaPublisher.status).toBe(200);
    expect(viaPublisher.headers.get('cache-control')).toBe('no-cache');
    expect(titles(await viaPublisher.text())).toEqual(['临淄区农村宅基地管理办法']);

    // The static listing stays static (and links here).
    const listing = await fetch(`${nginx.url}/policies/agency/linzi/`);
    expect(await listing.text()).toContain('href="/policies/filter/?agency=linzi&amp;year=2021"');
  });

  it('answers hostile addresses in Chinese, never with a 500, and keeps serving', async () => {
    const before = (await publisher.status()).current;
    const script = encodeURIComponent('<script>alert(1)</script>');
    const cases: Array<{ query: string; status: number; says: string }> = [
      { query: `q=${'x'.repeat(5000)}`, status: 200, says: '关键词最长 100 个字' },
      { query: Array.from({ length: 1000 }, () => 'agency=linzi').join('&'), status: 200, says: '共 2 件' },
      { query: `agency=${script}&year=${script}&q=${script}&page=-1`, status: 200, says: '页码“-1”无效' },
      { query: 'page=1000000000', status: 200, says: '没有第 1000000000 页' },
      // Not UTF-8 (a lone surrogate's bytes, a bare %): the renderer refuses it; nginx says why in Chinese.
      { query: 'q=%ED%A0%80', status: 400, says: '含无效的百分号编码' },
      { query: 'agency=%&page=%zz', status: 400, says: '含无效的百分号编码' },
      // Longer than any server reads (5,000 Chinese characters are 45 KB of address).
      { query: `q=${encodeURIComponent('宅'.repeat(5000))}`, status: 414, says: '地址过长' },
    ];
    for (const { query, status, says } of cases) {
      const where = query.slice(0, 60);
      const response = await fetch(`${nginx.url}/policies/filter/?${query}`);
      const body = await response.text();
      expect(response.status, where).toBe(status);
      expect(body, where).toContain(says);
      // Escaped in text; inside a quoted attribute (the box's value, a link's label) it is inert.
      expect(dangerousMarkup(withoutCareModeScript(body).replace(/ value="[^"]*"/g, ' value=""')), where).toEqual([]);
      expect(body, where).not.toMatch(/Internal Server Error|node_modules|\bat [\w.<>]+ \(/);
      expect(response.headers.get('content-security-policy'), where).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options'), where).toBe('nosniff');
    }
    // Through the publisher's own front nothing is a 500 either (Node's limits answer 400/431).
    for (const { query } of cases) {
      const response = await fetch(`${publisher.portalUrl}/policies/filter/?${query}`);
      await response.arrayBuffer();
      expect(response.status, query.slice(0, 60)).toBeLessThan(500);
    }
    const post = await fetch(`${nginx.url}/policies/filter/`, { method: 'POST', body: 'q=1' });
    expect(post.status).toBe(405);
    expect(await post.text()).toContain('只接受 GET');

    // Same release, same renderer, still answering.
    expect((await publisher.status()).current).toBe(before);
    const after = await fetch(`${nginx.url}/policies/filter/?agency=linzi`);
    expect(after.status).toBe(200);
    expect(titles(await after.text())).toHaveLength(2);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIEW_TTL_MS, signedPreviewPath } from '@portal/shared';
import { launchBrowser } from '../helpers/browser.ts';
import { settled, submitQuery } from '../helpers/search-page.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { startNginx, type RunningNginx } from '../helpers/nginx.ts';
import { freePort } from '../helpers/portal.ts';
import { reservePorts, startPublisher, type RunningPublisher } from '../helpers/publisher.ts';

/*
 * Production serving as docs/deploy.md describes it: the publisher builds a release from a real
 * CMS, Debian's nginx serves it with the shipped config (scripts/publisher/nginx*.conf) and
 * proxies /preview/ to the publisher's fixed renderer port. Checked over real HTTP: status codes,
 * the security headers on every kind of answer, the 404 page, a signed preview through nginx,
 * attachments copied into the release and downloaded with safe headers, the Atom feed with a
 * control character in a title, the HTTPS example's HSTS; and in Chromium, that the home and
 * search pages run under the Content-Security-Policy without a single violation.
 */

const POLICY = 'api::policy-item.policy-item';
const admin = { email: 'nginx-admin@example.com', password: 'Test-Admin-12345' };
const previewSecret = 'preview-secret-for-nginx-tests';
const applySecret = 'apply-secret-for-nginx-tests';
const DRAFT = '临淄区2022年重点民生实事项目（征求意见稿）';
const ATTACHED = '临淄区政务公开附件测试通知';
/** A BEL and a form feed, as pasted from a word processor: not allowed anywhere in XML 1.0. */
const CONTROL_TITLE = '临淄区关于\u0007控制字符\u000c标题的通知';

const pdfBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
let xlsxBytes: Buffer;

let cms: RunningCms;
let publisher: RunningPublisher;
let nginx: RunningNginx;
let rendererPort: number;
let clientDir: string;

async function uploadFile(name: string, bytes: Buffer, mime: string): Promise<number> {
  const login = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const { token } = ((await login.json()) as { data: { token: string } }).data;
  const form = new FormData();
  form.append('files', new Blob([bytes], { type: mime }), name);
  form.append('fileInfo', JSON.stringify({ name, caption: null, alternativeText: null }));
  const response = await fetch(`${cms.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await response.json()) as Array<{ id: number }>;
  if (response.status !== 201 && response.status !== 200) throw new Error(`上传 ${name} 失败：${response.status} ${JSON.stringify(body)}`);
  return body[0]!.id;
}

/** A published policy with a PDF and an Excel attachment, and one whose title holds control characters (written as an import could). */
async function addContent(): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('附件').getCell(1, 1).value = '附件内容';
  xlsxBytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const pdf = await uploadFile('实施方案.pdf', pdfBytes, 'application/pdf');
  const xlsx = await uploadFile('项目清单.xlsx', xlsxBytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const agency = await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: 'linzi' } });
  const base = {
    agency: agency.documentId,
    publishDate: '2022-05-01',
    topic: '综合政务\\其他',
    genre: '通知',
    validity: 'valid',
    body: [{ type: 'paragraph', children: [{ type: 'text', text: '附件见下。' }] }],
  };
  await cms.strapi.documents(POLICY).create({
    data: {
      ...base,
      indexNumber: '11370305004326100A/2022-08801',
      title: ATTACHED,
      docNumber: '临政发〔2022〕88号',
      attachments: [pdf, xlsx],
    },
    status: 'published',
  });
  const control = await cms.strapi.documents(POLICY).create({
    data: {
      ...base,
      indexNumber: '11370305004326100A/2022-08802',
      title: '控制字符标题（待替换）',
      docNumber: '临政发〔2022〕89号',
      publishDate: '2026-11-30',
    },
    status: 'published',
  });
  await cms.strapi.db.query(POLICY).updateMany({ where: { documentId: control.documentId }, data: { title: CONTROL_TITLE } });
}

beforeAll(async () => {
  const ports = await reservePorts();
  rendererPort = await freePort();
  Object.assign(process.env, { PREVIEW_SECRET: previewSecret, APPLY_SECRET: applySecret, PORTAL_URL: `http://127.0.0.1:${ports.portal}` });
  cms = await startCms({ admin });
  await addContent();
  const token = await (cms.strapi as any)
    .service('admin::api-token')
    .create({ name: '门户预览', type: 'read-only', lifespan: null, description: '' });
  publisher = await startPublisher({
    cmsUrl: cms.url,
    secret: 'x',
    ports,
    env: {
      PREVIEW_SECRET: previewSecret,
      PREVIEW_API_TOKEN: token.accessKey,
      RENDERER_PORT: String(rendererPort),
      APPLY_SECRET: applySecret,
    },
  });
  const status = await publisher.settled(null, 300_000);
  if (!status.lastBuild?.ok) throw new Error(`构建失败：${status.lastBuild?.error}`);
  clientDir = path.join(publisher.dir, 'current', 'client');
  nginx = await startNginx({ root: clientDir, rendererPort, tls: true });
}, 420_000);

afterAll(async () => {
  await nginx?.stop();
  await publisher?.stop();
  await cms?.stop();
  delete process.env.PREVIEW_SECRET;
  delete process.env.APPLY_SECRET;
  delete process.env.PORTAL_URL;
});

const get = (pathname: string, init?: RequestInit) => fetch(`${nginx.url}${pathname}`, { redirect: 'manual', ...init });

/** The headers every answer of the portal carries, whatever its status or location. */
function expectSecurityHeaders(response: Response, where: string): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toMatch(/default-src '(self|none)'/);
  // No inline or eval'd script is ever allowed (WebAssembly compilation is, for Pagefind).
  expect(/script-src ([^;]*)/.exec(csp)?.[1] ?? '', where).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  expect(response.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), where).toBe('strict-origin-when-cross-origin');
  expect(response.headers.get('x-frame-options'), where).toBe('DENY');
  // server_tokens off: the product, never its version.
  expect(response.headers.get('server'), where).toBe('nginx');
  // HSTS belongs to the HTTPS server only; on plain HTTP a browser ignores it and it misleads.
  expect(response.headers.get('strict-transport-security'), where).toBeNull();
}

const PAGE_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

function pathOf(html: string, pattern: RegExp): string {
  const match = pattern.exec(html);
  if (!match) throw new Error(`页面中找不到 ${pattern}`);
  return match[1]!;
}

describe('the shipped nginx config on a built release', () => {
  it('answers pages, redirects, assets, the search index and 404s with the full header set', async () => {
    const home = await get('/');
    expect(home.status).toBe(200);
    const html = await home.text();
    expectSecurityHeaders(home, '/');
    expect(home.headers.get('content-security-policy')).toContain(PAGE_CSP);
    expect(home.headers.get('cache-control')).toBe('no-cache');

    const redirect = await get('/policies');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/policies/');
    expectSecurityHeaders(redirect, '/policies (301)');

    const css = pathOf(html, /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/);
    const asset = await get(css);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/css/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(asset, css);

    for (const [pathname, type] of [
      ['/care-mode.js', /javascript/],
      ['/pagefind/pagefind.js', /^application\/javascript/],
      ['/pagefind/pagefind-entry.json', /^application\/json/],
    ] as const) {
      const response = await get(pathname);
      expect(response.status, pathname).toBe(200);
      expect(response.headers.get('content-type'), pathname).toMatch(type);
      expect(response.headers.get('cache-control'), pathname).toBe('no-cache');
      expectSecurityHeaders(response, pathname);
    }
    // Text goes compressed (fetch asks for gzip and decodes it; the header shows what was sent).
    expect(home.headers.get('content-encoding')).toBe('gzip');
    expect((await get('/pagefind/pagefind.js')).headers.get('content-encoding')).toBe('gzip');

    const expectedNotFound = readFileSync(path.join(clientDir, '404.html'), 'utf8');
    for (const pathname of [
      '/no-such-page/',
      '/_astro/no-such.css',
      '/pagefind/no-such.js',
      '/uploads/no-such.docx',
      '/preview/nothing/',
    ]) {
      const response = await get(pathname);
      expect(response.status, pathname).toBe(404);
      expect(await response.text(), pathname).toBe(expectedNotFound);
      expectSecurityHeaders(response, `${pathname} (404)`);
      expect(response.headers.get('content-security-policy'), pathname).toContain(PAGE_CSP);
      expect(response.headers.get('content-disposition'), pathname).toBeNull();
    }
    expect(expectedNotFound).toContain('<html');
  });

  it('renders a signed preview through nginx and the renderer on its fixed port, and 404s an unsigned one', async () => {
    const draft = await cms.strapi.documents(POLICY).findFirst({ status: 'draft', filters: { title: DRAFT } });
    const signed = await signedPreviewPath(previewSecret, {
      type: 'policies',
      documentId: draft.documentId,
      expires: Date.now() + PREVIEW_TTL_MS,
    });
    const preview = await get(signed);
    const html = await preview.text();
    expect(preview.status).toBe(200);
    expect(html).toContain(`<h1>${DRAFT}</h1>`);
    expect(html).toContain('预览：这是尚未发布的草稿');
    expectSecurityHeaders(preview, 'preview');
    expect(preview.headers.get('cache-control')).toBe('no-store');
    // The renderer itself answers on the configured port (what nginx.conf proxies to).
    expect((await fetch(`http://127.0.0.1:${rendererPort}${signed}`)).status).toBe(200);

    const unsigned = await get(`/preview/policies/${draft.documentId}/`);
    expect(unsigned.status).toBe(404);
    expect(await unsigned.text()).toBe(readFileSync(path.join(clientDir, '404.html'), 'utf8'));
    expectSecurityHeaders(unsigned, 'unsigned preview');
  });

  it('takes an application through nginx: the form under the CSP and never cached, a post from its own page, nothing over 64 KB', async () => {
    const form = await get('/apply/?agency=jingzhong');
    expect(form.status).toBe(200);
    expectSecurityHeaders(form, 'apply');
    expect(form.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(form.headers.get('cache-control')).toBe('no-store');
    const html = await form.text();
    expect(html).toContain('<form class="apply-form" method="post" action="/apply/" novalidate>');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    const fields = {
      agency: 'jingzhong',
      website: '',
      applicantKind: 'naturalPerson',
      applicantName: 'nginx 测试申请人',
      idType: 'residentId',
      idNumber: '11010519491231002X',
      phone: '0533-7654321',
      sought: '通过 nginx 提交的申请',
      informationFormat: 'paper',
      deliveryMethod: 'collect',
    };
    const post = (body: string, origin: string) =>
      get('/apply/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body });
    const accepted = await post(new URLSearchParams(fields).toString(), nginx.url);
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('cache-control')).toBe('no-store');
    const receipt = /<p class="receipt-number" id="receipt-number">(YSQ[-0-9A-Z]+)<\/p>/.exec(await accepted.text())?.[1];
    expect(receipt).toBeDefined();
    expect(await cms.strapi.db.query('api::disclosure-request.disclosure-request').count({ where: { receiptNumber: receipt } })).toBe(1);
    expect((await post(new URLSearchParams(fields).toString(), 'https://evil.example')).status).toBe(403);
    expect((await post(new URLSearchParams({ ...fields, sought: 'x'.repeat(70_000) }).toString(), nginx.url)).status).toBe(413);
  });

  it('lists each attachment with name, type and size, and serves it from the release with safe headers', async () => {
    const list = await (await get('/policies/')).text();
    const page = pathOf(list, new RegExp(`<a href="(/policies/[^"]+/)">${ATTACHED}</a>`));
    const html = await (await get(page)).text();
    const section = pathOf(html, /<section aria-labelledby="attachments">([\s\S]*?)<\/section>/);
    expect(section).toMatch(/<a href="\/uploads\/[^"]+\.pdf"[^>]*>实施方案\.pdf<\/a>（PDF，\d+\.\d KB）/);
    expect(section).toMatch(/<a href="\/uploads\/[^"]+\.xlsx"[^>]*>项目清单\.xlsx<\/a>（Excel，\d+\.\d KB）/);

    const pdfPath = pathOf(section, /href="(\/uploads\/[^"]+\.pdf)"/);
    const pdf = await get(pdfPath);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).equals(pdfBytes)).toBe(true);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pdf.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    // A PDF opens in the browser's viewer; it is not forced to download.
    expect(pdf.headers.get('content-disposition')).toBeNull();

    const xlsxPath = pathOf(section, /href="(\/uploads\/[^"]+\.xlsx)"/);
    const xlsx = await get(xlsxPath);
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).equals(xlsxBytes)).toBe(true);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toBe('attachment');
    expect(xlsx.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect(xlsx.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves HTTPS with HSTS from the TLS example, and redirects its port 80 to HTTPS', async () => {
    const response = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      const req = httpsRequest(
        { host: '127.0.0.1', port: nginx.httpsPort, path: '/', servername: 'localhost', rejectUnauthorized: false },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(response.status).toBe(200);
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(response.headers['content-security-policy']).toContain(PAGE_CSP);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const redirect = await fetch(`http://127.0.0.1:${nginx.redirectPort}/policies/?page=2`, {
      redirect: 'manual',
      headers: { host: 'evil.example' },
    });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('https://localhost/policies/?page=2');
  });
});

describe('in Chromium under the Content-Security-Policy', () => {
  it('has no page in the release with inline script or style for the CSP to refuse', () => {
    const pages = readdirSync(clientDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(40);
    for (const file of pages) {
      const html = readFileSync(path.join(file.parentPath, file.name), 'utf8');
      const where = path.relative(clientDir, path.join(file.parentPath, file.name));
      expect(html.match(/<script\b(?![^>]*\bsrc=)[^>]*>/gi) ?? [], where).toEqual([]);
      expect(html.match(/.{0,60}(?:<style\b|\sstyle="|\son[a-z]+="|javascript:).{0,60}/gi) ?? [], where).toEqual([]);
    }
  });

  it('loads the home, an agency (with its chart) and the search page with no CSP violation, the care-mode toggle works and a search finds results', async () => {
    const browser = await launchBrowser();
    try {
      const violations: string[] = [];
      const tab = await browser.context.newPage();
      tab.on('console', (message) => {
        if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
      });
      await tab.exposeFunction('reportViolation', (text: string) => violations.push(text));
      await tab.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) =>
          (window as unknown as { reportViolation: (t: string) => void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`),
        );
      });
      await tab.goto(`${nginx.url}/`);
      await tab.waitForLoadState('load');
      expect(violations, '首页').toEqual([]);
      await tab.locator('[data-care-toggle]').click();
      expect(await tab.evaluate(() => document.documentElement.classList.contains('care'))).toBe(true);
      // The application form and its status page (rendered on demand) under the same policy.
      await tab.goto(`${nginx.url}/apply/`);
      await tab.waitForLoadState('load');
      await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: '提交申请' }).click()]);
      expect(await tab.locator('.error-summary').count()).toBe(1);
      await tab.goto(`${nginx.url}/apply/status/`);
      expect(violations, '申请页面').toEqual([]);
      // A page with a chart drawn at build time: its text keeps the chart's own size, with no inline style.
      await tab.goto(`${nginx.url}/agencies/education/`);
      const chartText = await tab.evaluate(() =>
        [...document.querySelectorAll('.chart-svg text')].map((t) => getComputedStyle(t).fontSize),
      );
      expect(chartText.length).toBeGreaterThan(0);
      for (const size of chartText) expect(['12px', '13px']).toContain(size);
      expect(violations, '机构页').toEqual([]);
      await tab.goto(`${nginx.url}/search/`);
      // The care mode is applied before first paint on the next page too (the script runs in <head>).
      expect(await tab.evaluate(() => document.documentElement.classList.contains('care'))).toBe(true);
      await settled(tab);
      await submitQuery(tab, '政府信息公开');
      expect(await tab.locator('.search-result').count()).toBeGreaterThan(0);
      // The exact-文号 lookup is one more file the page fetches (connect-src 'self').
      await submitQuery(tab, '临政办发〔2021〕17号');
      expect(await tab.locator('.search-result-exact').first().textContent()).toBe('文号完全匹配');
      await tab.waitForTimeout(500);
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('parses the Atom feeds as XML although a title holds control characters', async () => {
    const browser = await launchBrowser();
    try {
      const tab = await browser.context.newPage();
      await tab.goto(`${nginx.url}/`);
      for (const pathname of ['/feeds/policies.xml', '/feeds/agencies/linzi.xml']) {
        const feed = await get(pathname);
        expect(feed.status, pathname).toBe(200);
        expectSecurityHeaders(feed, pathname);
        const parsed = await tab.evaluate(
          (xml) => {
            const doc = new DOMParser().parseFromString(xml, 'application/xml');
            return {
              error: doc.querySelector('parsererror')?.textContent ?? null,
              titles: [...doc.querySelectorAll('entry > title')].map((t) => t.textContent),
            };
          },
          await feed.text(),
        );
        expect(parsed.error, pathname).toBeNull();
        expect(parsed.titles, pathname).toContain('临淄区关于控制字符标题的通知');
      }
    } finally {
      await browser.close();
    }
  });

  it('opens a feed as a Chinese page under the production CSP: its XSL and CSS served with their types', async () => {
    const xsl = await get('/feeds/feed.xsl');
    expect(xsl.headers.get('content-type')).toBe('application/xslt+xml');
    expectSecurityHeaders(xsl, '/feeds/feed.xsl');
    expect((await get('/feeds/feed.css')).headers.get('content-type')).toBe('text/css');
    expect((await get('/feeds/policies.xml')).headers.get('content-type')).toMatch(/^text\/xml/);
    const browser = await launchBrowser();
    try {
      const tab = await browser.context.newPage();
      const refused: string[] = [];
      tab.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      await tab.goto(`${nginx.url}/feeds/agencies/linzi.xml`);
      await tab.locator('h1').waitFor();
      expect(await tab.locator('h1').textContent()).toBe('临淄区人民政府 · 政策文件');
      expect(await tab.locator('body').innerText()).toContain('这是本栏目的订阅源');
      expect(await tab.evaluate(() => getComputedStyle(document.querySelector('.feed-header')!).backgroundColor)).toBe('rgb(164, 22, 26)');
      // Chromium 156 inserts a banner of its own into every XSLT page (<xslt-warning-banner>, "XSLT
      // is being removed"), with inline styles and an onclick that this CSP refuses. Those are all
      // the refusals there may be: nothing of the page itself is inline.
      const inline = await tab.evaluate(() =>
        [...document.querySelectorAll('*')]
          .filter((el) => !el.closest('xslt-warning-banner'))
          .filter(
            (el) =>
              el.tagName === 'SCRIPT' ||
              el.tagName === 'STYLE' ||
              [...el.attributes].some((a) => a.name === 'style' || a.name.startsWith('on')),
          )
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(inline).toEqual([]);
      const banner = await tab.evaluate(() => document.querySelectorAll('xslt-warning-banner').length);
      expect(refused.length).toBeLessThanOrEqual(banner > 0 ? 20 : 0);
    } finally {
      await browser.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { renderBlocks } from '../../site/src/lib/blocks.ts';
import { sanitizeRichText } from '../../site/src/lib/sanitize.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { searchFor } from '../helpers/search-page.ts';
import type { RunningCms } from '../helpers/cms.ts';
import { linkTo, usePortal, withoutCareModeScript } from '../helpers/portal-suite.ts';
import { dangerousMarkup, XSS_MARKER, xssBlocks, xssTitle } from '../helpers/xss.ts';

/*
 * Rich text and titles from the CMS can never run script on the portal: the renderer escapes and
 * refuses unsafe links, the sanitiser removes anything else, and a real Chromium opening the built
 * pages (and searching for them) runs none of the payloads in tests/helpers/xss.ts.
 */

const surviving = (html: string) => dangerousMarkup(withoutCareModeScript(html));

describe('rendering hostile rich text', () => {
  it('leaves no markup, handler or unsafe link from any payload', () => {
    const html = sanitizeRichText(renderBlocks(xssBlocks));
    expect(surviving(html)).toEqual([]);
    // The words survive as text, and the unsafe links as their plain labels.
    expect(html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;正文第一段');
    expect(html).toContain('<p>脚本链接一</p>');
  });

  it('is caught by the sanitiser even if the renderer let markup through', () => {
    const raw = [
      '<p onclick="window.__xss=1">段落</p>',
      '<script>window.__xss=2</script>',
      '<a href="javascript:window.__xss=3">链接</a>',
      '<a href="//evil.example/">协议相对链接</a>',
      '<iframe src="https://evil.example/"></iframe>',
      '<img src="x" onerror="window.__xss=4" alt="图">',
      '<p style="background:url(javascript:x)">样式</p>',
    ].join('');
    const clean = sanitizeRichText(raw);
    expect(surviving(clean)).toEqual([]);
    expect(clean).not.toMatch(/\sstyle=|evil\.example/);
    expect(clean).toContain('<p>段落</p>');
  });
});

/**
 * Saves a policy and its interpretation with the payloads. Strapi refuses javascript:, data: and
 * vbscript: link URLs on save, so the bodies are written straight to the database afterwards, as
 * an import or old data could hold them: the portal must not rely on the CMS's validation.
 */
async function addHostileDocuments(cms: RunningCms): Promise<void> {
  const agency = await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: 'linzi' } });
  const placeholder = [{ type: 'paragraph', children: [{ type: 'text', text: '待替换' }] }];
  const policy = await cms.strapi.documents('api::policy-item.policy-item').create({
    data: {
      indexNumber: '11370305004326100A/2022-09999',
      title: xssTitle,
      docNumber: '临政发〔2022〕99号',
      agency: agency.documentId,
      publishDate: '2022-03-01',
      topic: '综合政务\\其他',
      genre: '通知',
      validity: 'valid',
      summary: '<img src=x onerror="window.__xss=21">',
      body: placeholder,
    },
    status: 'published',
  });
  const interpretation = await cms.strapi.documents('api::policy-interpretation.policy-interpretation').create({
    data: {
      title: `${xssTitle}的解读`,
      form: 'text',
      agency: agency.documentId,
      publishDate: '2022-03-01',
      body: placeholder,
      policyItems: [policy.documentId],
    },
    status: 'published',
  });
  for (const [uid, documentId] of [
    ['api::policy-item.policy-item', policy.documentId],
    ['api::policy-interpretation.policy-interpretation', interpretation.documentId],
  ] as const) {
    await cms.strapi.db.query(uid).updateMany({ where: { documentId }, data: { body: xssBlocks } });
  }
}

describe('hostile content from the CMS on the built portal', () => {
  const portal = usePortal({ beforeBuild: addHostileDocuments });
  let browser: { context: BrowserContext; close: () => Promise<void> };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function hostilePages(): Promise<string[]> {
    const list = (await portal.fetchPage('/policies/')).body;
    const policy = linkTo(list, xssTitle.replace(/</g, '&lt;').replace(/>/g, '&gt;'))!;
    const interpretation = /href="(\/interpretations\/[^"]+\/)"/.exec((await portal.fetchPage(policy)).body)![1]!;
    return [policy, interpretation, '/policies/', '/feeds/policies.xml'];
  }

  it('keeps every payload out of the HTML as markup', async () => {
    const pages = await hostilePages();
    expect(pages[0]).toMatch(/^\/policies\/[^/]+\/$/);
    for (const pathname of pages) {
      const { body } = await portal.fetchPage(pathname);
      expect(surviving(body), pathname).toEqual([]);
    }
    const { body } = await portal.fetchPage(pages[0]!);
    expect(body).toContain('<h1>XSS测试文件&lt;script&gt;window.__xss=20&lt;/script&gt;</h1>');
    // The payload bodies did reach the page, as text.
    expect(body).toContain('<p>&lt;script&gt;window.__xss=1&lt;/script&gt;正文第一段</p>');
    expect(body).toContain('<p>脚本链接一</p>');
  });

  it('runs none of them in Chromium: reading, following the links, searching', async () => {
    const tab = await browser.context.newPage();
    const dialogs: string[] = [];
    tab.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    try {
      for (const pathname of (await hostilePages()).slice(0, 2)) {
        await tab.goto(`${portal.url()}${pathname}`);
        for (const label of ['脚本链接一', '脚本链接二', '数据链接', '框架链接']) {
          const text = tab.getByText(label, { exact: true });
          expect(await text.evaluate((node) => node.closest('a') === null), label).toBe(true);
        }
        await tab.getByText('引号越界链接').hover();
        expect(await tab.evaluate(() => document.querySelectorAll('iframe, svg, main script').length)).toBe(0);
        expect(await tab.evaluate((marker) => (window as unknown as Record<string, unknown>)[marker], XSS_MARKER)).toBeUndefined();
      }
      const results = await searchFor(tab, portal.url(), 'XSS测试文件');
      expect(results.map((r) => r.title)).toContain(xssTitle);
      expect(await tab.evaluate(() => document.querySelectorAll('[data-search] script, [data-search] img').length)).toBe(0);
      expect(await tab.evaluate((marker) => (window as unknown as Record<string, unknown>)[marker], XSS_MARKER)).toBeUndefined();
      expect(dialogs).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { linkTo, usePortal } from '../helpers/portal-suite.ts';

/*
 * Every page type of the portal checked the way GOV.UK checks its components: axe-core in a real
 * Chromium (normal and 关怀模式) with zero violations, keyboard only, a 360 px screen and 200 %
 * zoom, print, and a weight budget (HTML + CSS under 60 KB uncompressed).
 */

const portal = usePortal();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BUDGET = 60 * 1024;

let browser: { context: BrowserContext; close: () => Promise<void> };
let pageTypes: Array<[name: string, path: string]>;

beforeAll(async () => {
  browser = await launchBrowser();
  const library = (await portal.fetchPage('/policies/')).body;
  const policy = linkTo(library, '临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知')!;
  const interpretation = linkTo((await portal.fetchPage(policy)).body, '图解：临淄区2021年政务公开工作要点')!;
  pageTypes = [
    ['首页', '/'],
    ['政策文件库', '/policies/'],
    ['政策文件库 · 机构', '/policies/agency/linzi/'],
    ['按文号查找', '/policies/doc-numbers/'],
    ['政策文件', policy],
    ['已废止的政策文件', linkTo(library, '临淄区农村宅基地管理办法（试行）')!],
    ['政策解读', interpretation],
    ['年度报告', '/reports/jingzhong/2020/'],
    ['年度报告列表', '/reports/'],
    ['机构', '/agencies/education/'],
    ['公开指南', '/agencies/jingzhong/guide/'],
    ['机构（职能、负责人、联系方式）', '/agencies/jingzhong/'],
    ['法定主动公开内容', '/agencies/jingzhong/catalogue/'],
    ['法定主动公开内容 · 类别', '/agencies/jingzhong/catalogue/2/'],
    ['政府信息公开制度', '/disclosure-rules/'],
    ['政策解读列表', '/interpretations/'],
    ['搜索', '/search/?q=宅基地'],
    ['404', '/no-such-page/'],
  ];
});
afterAll(async () => {
  await browser?.close();
});

async function withTab<T>(use: (tab: Page) => Promise<T>, viewport = { width: 1280, height: 900 }): Promise<T> {
  const tab = await browser.context.newPage();
  await tab.setViewportSize(viewport);
  try {
    return await use(tab);
  } finally {
    await tab.close();
  }
}

/** Opens a page and, when it searches, waits for the results so axe sees them too. */
async function open(tab: Page, pathname: string): Promise<void> {
  await tab.goto(`${portal.url()}${pathname}`);
  if (pathname.startsWith('/search/?q=')) await tab.locator('.search-result').first().waitFor({ timeout: 15_000 });
}

async function axeViolations(tab: Page): Promise<string[]> {
  await tab.addScriptTag({ content: axeSource });
  return tab.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> };
      }
    ).axe;
    const { violations } = await axe.run(document);
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const setCareMode = (tab: Page, on: boolean) => tab.evaluate((value) => localStorage.setItem('portal-care-mode', value ? '1' : '0'), on);

describe('axe-core in Chromium', () => {
  it('finds no violation on any page type, in normal and in 关怀模式', async () => {
    await withTab(async (tab) => {
      const found: Record<string, string[]> = {};
      for (const care of [false, true]) {
        for (const [name, pathname] of pageTypes) {
          await open(tab, pathname);
          if ((await tab.evaluate(() => document.documentElement.classList.contains('care'))) !== care) {
            await setCareMode(tab, care);
            await open(tab, pathname);
          }
          const violations = await axeViolations(tab);
          if (violations.length > 0) found[`${name}${care ? '（关怀模式）' : ''}`] = violations;
        }
      }
      await setCareMode(tab, false);
      expect(found).toEqual({});
    });
  });
});

describe('keyboard only', () => {
  /** Tabs through the page and returns a description of every element that took focus, in order. */
  async function tabThrough(tab: Page, presses: number): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < presses; i++) {
      await tab.keyboard.press('Tab');
      const focused = await tab.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return '';
        const style = getComputedStyle(el);
        const visible = style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
        return `${visible ? '' : '[no focus ring] '}${el.id ? `#${el.id}` : (el.getAttribute('href') ?? el.textContent?.trim())}`;
      });
      if (focused) seen.push(focused);
    }
    return seen;
  }

  it('reaches the skip link, the search box, the care toggle and every facet of the library, each with a visible focus ring', async () => {
    await withTab(async (tab) => {
      await open(tab, '/policies/');
      const facets = await tab.locator('nav.facets a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      expect(facets.length).toBeGreaterThan(15);
      const seen = await tabThrough(tab, facets.length + 12);
      expect(seen[0]).toBe('#main');
      expect(seen).toContain('#site-search-q');
      expect(seen).toContain('关怀模式');
      for (const href of facets) expect(seen, href).toContain(href);
      expect(seen.filter((s) => s.startsWith('[no focus ring]'))).toEqual([]);
    });
  });

  it('reaches the search field and every filter on the search page', async () => {
    await withTab(async (tab) => {
      await open(tab, '/search/?q=宅基地');
      const filters = await tab.locator('.search-filter input').count();
      expect(filters).toBeGreaterThanOrEqual(4);
      let input = false;
      const boxes = new Set<string>();
      for (let i = 0; i < 40; i++) {
        await tab.keyboard.press('Tab');
        const focused = await tab.evaluate(() => {
          const el = document.activeElement!;
          return {
            input: el.id === 'search-q',
            box:
              el.closest('.search-filter') && el.tagName === 'INPUT'
                ? `${(el as HTMLInputElement).name}:${(el as HTMLInputElement).value}`
                : null,
          };
        });
        input ||= focused.input;
        if (focused.box) boxes.add(focused.box);
      }
      expect(input).toBe(true);
      expect(boxes.size).toBe(filters);
    });
  });
});

describe('关怀模式', () => {
  it('turns on with the header button and stays on, from the first paint, on every later page', async () => {
    await withTab(async (tab) => {
      // Records the <html> class at the moment <body> appears: before anything is painted.
      await tab.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          (window as unknown as { classAtBody: string }).classAtBody = document.documentElement.className;
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      await open(tab, '/');
      const toggle = tab.getByRole('button', { name: '关怀模式' });
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      const normalSize = await tab.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      await toggle.focus();
      await tab.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      const careSize = await tab.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      expect(careSize).toBeGreaterThanOrEqual(normalSize * 1.25);

      for (const pathname of ['/policies/', '/reports/jingzhong/2020/', '/search/']) {
        await open(tab, pathname);
        expect(await tab.evaluate(() => (window as unknown as { classAtBody: string }).classAtBody), pathname).toContain('care');
        expect(await tab.getByRole('button', { name: '关怀模式' }).getAttribute('aria-pressed')).toBe('true');
        const lineHeight = await tab.evaluate(
          () => parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize),
        );
        expect(lineHeight).toBeGreaterThanOrEqual(1.3 * 1.5);
      }
      await tab.getByRole('button', { name: '关怀模式' }).click();
      await open(tab, '/agencies/');
      expect(await tab.evaluate(() => document.documentElement.classList.contains('care'))).toBe(false);
    });
  });
});

describe('small screens, zoom and print', () => {
  it('never scrolls sideways at 360 px (normal and 关怀模式) or at 200 % zoom of a 1280 px window', async () => {
    const overflowing: string[] = [];
    for (const [width, care] of [
      [360, false],
      [360, true],
      [640, false],
    ] as const) {
      await withTab(
        async (tab) => {
          await open(tab, '/');
          await setCareMode(tab, care);
          for (const [name, pathname] of pageTypes) {
            await open(tab, pathname);
            const scrollWidth = await tab.evaluate(() => document.documentElement.scrollWidth);
            if (scrollWidth > width) overflowing.push(`${name} @${width}${care ? ' 关怀模式' : ''}: ${scrollWidth}px`);
          }
          await setCareMode(tab, false);
        },
        { width, height: 800 },
      );
    }
    expect(overflowing).toEqual([]);
  });

  it('prints policies and reports without the site’s navigation, keeping the notice and the tables', async () => {
    await withTab(async (tab) => {
      await tab.emulateMedia({ media: 'print' });
      const [, repealed] = pageTypes.find(([name]) => name === '已废止的政策文件')!;
      for (const pathname of [repealed, '/reports/jingzhong/2020/']) {
        await open(tab, pathname);
        const shown = (selector: string) =>
          tab
            .locator(selector)
            .first()
            .evaluate((el) => getComputedStyle(el).display !== 'none');
        expect(await shown('.site-header'), pathname).toBe(false);
        expect(await shown('.site-footer'), pathname).toBe(false);
        expect(await shown('h1'), pathname).toBe(true);
        expect(await shown(pathname.startsWith('/reports/') ? '.report-table' : '.validity-banner'), pathname).toBe(true);
      }
    });
  });
});

describe('page weight', () => {
  it(`keeps every page type’s HTML and CSS under ${BUDGET / 1024} KB uncompressed`, async () => {
    const weights: Record<string, number> = {};
    for (const [name, pathname] of pageTypes) {
      const { body } = await portal.fetchPage(pathname);
      let bytes = Buffer.byteLength(body);
      for (const [, href] of body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g))
        bytes += Buffer.byteLength((await portal.fetchPage(href!)).body);
      weights[name] = bytes;
    }
    console.info(
      Object.entries(weights)
        .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(1)} KB`)
        .join('；'),
    );
    expect(Object.entries(weights).filter(([, bytes]) => bytes >= BUDGET)).toEqual([]);
  });
});

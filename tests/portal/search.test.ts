import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { usePortal } from '../helpers/portal-suite.ts';

/*
 * Searching the demo portal in Chromium as a visitor does: 文号 typed every way people type them,
 * short Chinese words, the result entries' metadata, the filters, an empty result, and the header's
 * search box (with the `/` shortcut) on every page.
 */

const portal = usePortal();
let browser: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function withTab<T>(use: (tab: Page) => Promise<T>): Promise<T> {
  const tab = await browser.context.newPage();
  try {
    return await use(tab);
  } finally {
    await tab.close();
  }
}

type Result = { title: string; meta: string };

/** Types a query into the search page and reads the result entries, in order. */
async function search(tab: Page, query: string): Promise<Result[]> {
  await tab.goto(`${portal.url()}/search/`);
  await tab.locator('pagefind-input input').fill(query);
  await tab.locator('pagefind-results li.pf-result').first().waitFor({ timeout: 15_000 });
  return readResults(tab);
}

function readResults(tab: Page): Promise<Result[]> {
  return tab.locator('pagefind-results li.pf-result').evaluateAll((items) =>
    items.map((item) => ({
      title: item.querySelector('a')?.textContent?.trim() ?? '',
      meta: item.querySelector('.result-meta')?.textContent?.trim() ?? '',
    })),
  );
}

const WORK_POINTS = '临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知';

describe('searching by 文号', () => {
  for (const typed of [
    '临政办发〔2021〕17号',
    '临政办发[2021]17号',
    '临政办发(2021)17号',
    '临政办发（2021）17号',
    '"临政办发〔2021〕17号"',
    '“临政办发[2021]17号”',
  ]) {
    it(`finds the policy first when typed as ${typed}`, async () => {
      const results = await withTab((tab) => search(tab, typed));
      expect(results[0]?.title).toBe(WORK_POINTS);
    });
  }
});

describe('search results and filters', () => {
  it('shows each result’s title, 发布机构, date and 文号', async () => {
    const [first] = await withTab((tab) => search(tab, '临政办发〔2021〕17号'));
    expect(first).toEqual({
      title: WORK_POINTS,
      meta: '政策文件发布机构：临淄区人民政府办公室日期：2021年4月15日文号：临政办发〔2021〕17号有效性：有效',
    });
  });

  it('finds documents by a two-character word', async () => {
    await withTab(async (tab) => {
      expect((await search(tab, '招生'))[0]?.title).toBe('临淄区教育和体育局关于做好2021年义务教育招生工作的通知');
      const land = (await search(tab, '土地')).slice(0, 2).map((r) => r.title);
      expect(land.sort()).toEqual(['临淄区农村宅基地管理办法', '临淄区农村宅基地管理办法（试行）']);
    });
  });

  it('filters by 发布机构, 类型, 年份 and 有效性, and offers to relax the filters when nothing is left', async () => {
    await withTab(async (tab) => {
      await search(tab, '宅基地');
      const pane = tab.locator('pagefind-filter-pane');
      const groups = await pane.locator('summary').allTextContents();
      for (const name of ['发布机构', '类型', '年份', '有效性']) expect(groups.join('|')).toContain(name);

      await pane.locator('summary', { hasText: '有效性' }).click();
      await pane.locator('label', { hasText: '废止' }).click();
      await expect.poll(async () => (await readResults(tab)).map((r) => r.title)).toEqual(['临淄区农村宅基地管理办法（试行）']);

      // 废止 and 招生 together: nothing. The page offers to drop the filter, and dropping it finds the notice.
      await tab.locator('pagefind-input input').fill('招生');
      const relax = tab.locator('#search-relax');
      await relax.getByRole('button', { name: '取消“有效性：废止”' }).waitFor({ timeout: 10_000 });
      expect(await relax.textContent()).toContain('在当前筛选条件下没有找到结果');
      await relax.getByRole('button', { name: '取消“有效性：废止”' }).click();
      await expect.poll(async () => (await readResults(tab))[0]?.title).toBe('临淄区教育和体育局关于做好2021年义务教育招生工作的通知');
      expect(await relax.isHidden()).toBe(true);
      expect(await pane.locator('input:checked').count()).toBe(0);
    });
  });

  it('suggests browsing the library when a query finds nothing', async () => {
    await withTab(async (tab) => {
      await tab.goto(`${portal.url()}/search/`);
      await tab.locator('pagefind-input input').fill('火星飞船');
      const relax = tab.locator('#search-relax');
      await relax.getByRole('link', { name: '政策文件库' }).waitFor({ timeout: 10_000 });
      expect(await relax.textContent()).toContain('没有找到结果');
    });
  });
});

describe('the header search box', () => {
  it('is on every page type, and `/` focuses it', async () => {
    const pages = [
      '/',
      '/policies/',
      '/policies/agency/linzi/',
      '/reports/jingzhong/2020/',
      '/agencies/jingzhong/guide/',
      '/no-such-page/',
    ];
    await withTab(async (tab) => {
      for (const pathname of pages) {
        await tab.goto(`${portal.url()}${pathname}`);
        await tab.keyboard.press('/');
        expect(await tab.evaluate(() => document.activeElement?.id), pathname).toBe('site-search-q');
      }
      // Typing `/` inside a field types it rather than jumping.
      await tab.keyboard.type('临政办发/');
      expect(await tab.inputValue('#site-search-q')).toBe('临政办发/');
    });
  });

  it('hands a 文号 typed with square brackets to the search page, which finds it first', async () => {
    await withTab(async (tab) => {
      await tab.goto(`${portal.url()}/agencies/`);
      await tab.keyboard.press('/');
      await tab.keyboard.type('临政办发[2021]17号');
      await tab.keyboard.press('Enter');
      await tab.waitForURL(/\/search\/\?q=/);
      await tab.locator('pagefind-results li.pf-result').first().waitFor({ timeout: 15_000 });
      expect((await readResults(tab))[0]?.title).toBe(WORK_POINTS);
    });
  });
});

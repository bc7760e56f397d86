import type { Page } from 'playwright-core';

/*
 * Driving the portal's search page (site/src/search/page.ts) as a visitor: type and submit, or
 * open an address; then read what is shown. The page counts the searches it has answered on its
 * root (data-searches) and marks filter counts still on their way (data-counts-pending): both
 * settled is what "the results are there" means here.
 */

export type ShownResult = { title: string; href: string; meta: string; excerpt: string; exact: string };

/** Waits until the page has answered more than `after` searches and drawn their filter counts. */
export async function settled(tab: Page, after = 0, timeout = 20_000): Promise<void> {
  await tab.waitForFunction(
    (n) => {
      const root = document.querySelector('[data-search]');
      return Number(root?.getAttribute('data-searches') ?? 0) > n && !root?.hasAttribute('data-counts-pending');
    },
    after,
    { timeout },
  );
}

/** Runs `action` and waits until the page has answered one more search. */
export async function answered(tab: Page, action: () => Promise<unknown>, timeout = 20_000): Promise<void> {
  const before = Number((await tab.locator('[data-search]').getAttribute('data-searches')) ?? 0);
  await action();
  await settled(tab, before, timeout);
}

/** Opens an address of the search page and waits for its first answer. */
export async function openSearch(tab: Page, url: string): Promise<void> {
  await tab.goto(url);
  await settled(tab);
}

/** Types a query into the search page's own box and submits it. */
export async function submitQuery(tab: Page, query: string): Promise<void> {
  await tab.locator('#search-q').fill(query);
  await answered(tab, () => tab.locator('#search-q').press('Enter'));
}

/** Opens the search page, types a query, submits, and reads the results. */
export async function searchFor(tab: Page, base: string, query: string): Promise<ShownResult[]> {
  await openSearch(tab, `${base}/search/`);
  await submitQuery(tab, query);
  return readResults(tab);
}

export function readResults(tab: Page): Promise<ShownResult[]> {
  return tab.locator('.search-result').evaluateAll((items) =>
    items.map((item) => ({
      title: item.querySelector('.search-result-title')?.textContent?.trim() ?? '',
      href: item.querySelector('.search-result-title a')?.getAttribute('href') ?? '',
      meta: item.querySelector('.result-meta')?.textContent?.trim() ?? '',
      excerpt: item.querySelector('.search-result-excerpt')?.textContent?.trim() ?? '',
      exact: item.querySelector('.search-result-exact')?.textContent?.trim() ?? '',
    })),
  );
}

export function statusText(tab: Page): Promise<string> {
  return tab
    .locator('[data-search-status]')
    .textContent()
    .then((t) => t?.trim() ?? '');
}

import { normalizeSearchQuery } from '@portal/shared';

/*
 * What the search page adds to Pagefind's component UI:
 * - each result shows 类型, 发布机构, date, 文号 and 有效性 under its title. The pages carry these as
 *   Chinese-named meta (components/Layout.astro), which the UI's template language cannot name
 *   (its identifiers are ASCII), so results are drawn by a small function instead.
 * - every query is normalised first (quotes dropped, a 文号's brackets made 〔〕), because Pagefind
 *   finds nothing for a quoted phrase holding 〔〕 and people type 临政办发[2021]17号 as often as the
 *   official form. The UI has no query hook, so the instance's two search entry points are wrapped;
 *   the visitor's own text stays in the box.
 * - an empty result offers to drop each active filter (or all of them), or points to browsing.
 * - a query handed over by the header's search form (?q=…) starts the search.
 */

type Filters = Record<string, string[] | unknown>;
type Instance = {
  searchTerm?: string;
  searchFilters?: Filters;
  triggerSearch: (term: string) => void;
  triggerSearchWithFilters: (term: string, filters: Filters) => void;
  triggerFilters: (filters: Filters) => void;
  on: (event: 'results', callback: (result: { results?: unknown[] }) => void) => void;
};
type Components = { getInstanceManager: () => { getInstance: (name: string) => Instance } };

type ResultData = { url: string; excerpt?: string; meta: Record<string, string | undefined> };

/** The meta shown under a result's title, in this order, with their labels. */
const shownMeta: ReadonlyArray<[key: string, label: string | null]> = [
  ['类型', null],
  ['发布机构', '发布机构'],
  ['日期', '日期'],
  ['文号', '文号'],
  ['有效性', '有效性'],
];

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.append(...children);
  return node;
}

/** One result, built as DOM nodes so no title or meta text can become markup. */
function renderResult(data: ResultData): HTMLElement {
  const link = element('a', 'pf-result-link', data.meta.title ?? data.url);
  link.href = data.meta.url ?? data.url;
  const meta = element('p', 'result-meta');
  for (const [key, label] of shownMeta) {
    const value = data.meta[key];
    if (value) meta.append(element('span', label ? '' : 'result-type', label ? `${label}：${value}` : value));
  }
  const item = element('li', 'pf-result', element('p', 'pf-result-title', link), meta);
  if (data.excerpt) {
    // Pagefind's excerpt is escaped page text with <mark> around the matches.
    const excerpt = element('p', 'pf-result-excerpt');
    excerpt.innerHTML = data.excerpt;
    item.append(excerpt);
  }
  return item;
}

function activeFilters(filters: Filters | undefined): Array<[string, string]> {
  return Object.entries(filters ?? {}).flatMap(([name, values]) =>
    Array.isArray(values) ? values.map((v) => [name, String(v)] as [string, string]) : [],
  );
}

function without(filters: Filters, name: string, value: string): Filters {
  const values = filters[name];
  return { ...filters, [name]: Array.isArray(values) ? values.filter((v) => v !== value) : [] };
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

/** The message under an empty result: the filters that could be dropped, or where else to look. */
function showRelax(box: HTMLElement, instance: Instance, empty: boolean): void {
  box.replaceChildren();
  const term = instance.searchTerm?.trim();
  box.hidden = !(empty && term);
  if (box.hidden) return;
  const filters = instance.searchFilters ?? {};
  const active = activeFilters(filters);
  const message = document.createElement('p');
  if (active.length === 0) {
    message.append('没有找到结果。可以减少或更换关键词、核对文号，或到');
    const link = Object.assign(document.createElement('a'), { href: '/policies/', textContent: '政策文件库' });
    message.append(link, '按发布机构、主题、年份浏览。');
    box.append(message);
    return;
  }
  message.textContent = '在当前筛选条件下没有找到结果。可以放宽筛选：';
  const list = document.createElement('ul');
  for (const [name, value] of active) {
    const item = document.createElement('li');
    item.append(button(`取消“${name}：${value}”`, () => instance.triggerFilters(without(instance.searchFilters ?? filters, name, value))));
    list.append(item);
  }
  if (active.length > 1) {
    const item = document.createElement('li');
    item.append(button('取消全部筛选', () => instance.triggerFilters({})));
    list.append(item);
  }
  box.append(message, list);
}

const components = (window as unknown as { PagefindComponents?: Components }).PagefindComponents;
const instance = components?.getInstanceManager().getInstance('default');
const results = document.querySelector('pagefind-results') as (Element & { resultTemplate?: (data: ResultData) => HTMLElement }) | null;
if (results) results.resultTemplate = renderResult;

if (instance) {
  const search = instance.triggerSearch.bind(instance);
  const searchWithFilters = instance.triggerSearchWithFilters.bind(instance);
  instance.triggerSearch = (term) => search(normalizeSearchQuery(term));
  instance.triggerSearchWithFilters = (term, filters) => searchWithFilters(normalizeSearchQuery(term), filters);

  const relax = document.getElementById('search-relax');
  if (relax) instance.on('results', (result) => showRelax(relax, instance, (result.results?.length ?? 0) === 0));

  const query = new URLSearchParams(location.search).get('q');
  const input = document.querySelector<HTMLInputElement>('pagefind-input input');
  if (query && input) {
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

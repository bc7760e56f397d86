import {
  exactIdentifier,
  searchFilterNames,
  searchMetaNames,
  searchParamsOf,
  type SearchFilterName,
  type SearchRequest,
  type SearchResponse,
  type SearchResult,
} from '@portal/shared';

/*
 * The search page's DOM, built node by node: titles, meta and filter values are text, never
 * markup. The one piece of HTML an engine sends, the excerpt, is read by an inert parser and only
 * its text and <mark> survive.
 */

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Elements whose text is code, not page text: dropped from an excerpt whole. */
const codeElements = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/** The excerpt's text with its <mark>s; any other element becomes its text (code is dropped). */
export function excerptNodes(html: string): Node[] {
  // DOMParser's document is inert: nothing in it loads or runs.
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  return [...parsed.body.childNodes]
    .filter((node) => !codeElements.has(node.nodeName))
    .map((node) =>
      node.nodeName === 'MARK' ? element('mark', {}, node.textContent ?? '') : document.createTextNode(node.textContent ?? ''),
    );
}

const metaLabels: Record<(typeof searchMetaNames)[number], string | null> = {
  类型: null,
  发布机构: '发布机构',
  日期: '日期',
  文号: '文号',
  索引号: '索引号',
  有效性: '有效性',
};

export function resultItem(result: SearchResult, exactKind: string | undefined): HTMLLIElement {
  const link = element('a', { href: result.url }, result.title || result.url);
  const item = element('li', { class: 'search-result' }, element('h2', { class: 'search-result-title' }, link));
  if (result.exact) item.append(element('p', { class: 'search-result-exact' }, `${exactKind ?? '编号'}完全匹配`));
  const meta = element('p', { class: 'result-meta' });
  for (const name of searchMetaNames) {
    const value = result.meta[name];
    if (!value) continue;
    const label = metaLabels[name];
    meta.append(element('span', label ? {} : { class: 'result-type' }, label ? `${label}：${value}` : value));
  }
  if (meta.childNodes.length > 0) item.append(meta);
  if (result.excerpt) item.append(element('p', { class: 'search-result-excerpt' }, ...excerptNodes(result.excerpt)));
  return item;
}

export function resultList(response: SearchResponse): HTMLOListElement {
  const exactKind = exactIdentifier(response.query)?.kind;
  const start = (response.page - 1) * response.pageSize + 1;
  const list = element('ol', { class: 'search-list', start: String(start) });
  list.append(...response.results.map((result) => resultItem(result, exactKind)));
  return list;
}

export function pageCount(response: SearchResponse): number {
  return Math.max(1, Math.ceil(response.total / response.pageSize));
}

/** Links to the pages around the current one; each is a real address, so it opens in a new tab too. */
export function pagination(response: SearchResponse, request: SearchRequest): HTMLElement | null {
  const pages = pageCount(response);
  if (pages <= 1) return null;
  const current = Math.min(request.page, pages);
  const href = (page: number) => `?${searchParamsOf({ ...request, page })}`;
  const shown = new Set([1, pages, ...[-2, -1, 0, 1, 2].map((d) => current + d)].filter((p) => p >= 1 && p <= pages));
  const list = element('ul');
  const link = (page: number, label: string, attributes: Record<string, string> = {}) =>
    element('a', { href: href(page), 'data-page': String(page), ...attributes }, label);
  if (current > 1) list.append(element('li', {}, link(current - 1, '上一页', { rel: 'prev' })));
  let previous = 0;
  for (const page of [...shown].sort((a, b) => a - b)) {
    if (page > previous + 1) list.append(element('li', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    list.append(
      element(
        'li',
        {},
        page === current
          ? element('span', { 'aria-current': 'page' }, String(page))
          : link(page, String(page), { 'aria-label': `第 ${page} 页` }),
      ),
    );
    previous = page;
  }
  if (current < pages) list.append(element('li', {}, link(current + 1, '下一页', { rel: 'next' })));
  return element('nav', { class: 'search-pages', 'aria-label': '搜索结果分页' }, list);
}

function orderedValues(name: SearchFilterName, counts: Record<string, number>, selected: string[]): Array<[string, number]> {
  const values = new Map(Object.entries(counts).filter(([, count]) => count > 0));
  for (const value of selected) if (!values.has(value)) values.set(value, counts[value] ?? 0);
  return [...values].sort(([a, ca], [b, cb]) => (name === '年份' ? b.localeCompare(a) : cb - ca || a.localeCompare(b, 'zh-CN')));
}

/** The filter groups with the count each value would leave; a value set stays shown even at 0. */
export function filterPane(response: SearchResponse, request: SearchRequest): HTMLElement[] {
  const groups: HTMLElement[] = [];
  for (const name of searchFilterNames) {
    const selected = request.filters[name] ?? [];
    const values = orderedValues(name, response.filters[name] ?? {}, selected);
    if (values.length === 0) continue;
    const group = element('fieldset', { class: 'search-filter' }, element('legend', {}, name));
    for (const [value, count] of values) {
      const box = element('input', { type: 'checkbox', name, value });
      box.checked = selected.includes(value);
      group.append(element('label', {}, box, name === '年份' ? `${value}年` : value, element('span', { class: 'count' }, `（${count}）`)));
    }
    groups.push(group);
  }
  return groups;
}

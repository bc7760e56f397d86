import {
  SEARCH_QUERY_MAX,
  searchFilterNames,
  searchParamsOf,
  searchRequestFromParams,
  type SearchRequest,
  type SearchResponse,
} from '@portal/shared';
import { SearchError, type SearchEngine } from './engine.ts';
import { element, filterPane, pageCount, pagination, resultList } from './render.ts';
import { serverEngine } from './server-engine.ts';
import { staticEngine } from './static-engine.ts';

/*
 * The search page's client. The address is the page's state: query, filters and page live in the
 * URL (replaceState while typing, pushState on submit, filter and page changes), so back and
 * forward step through searches and a shared link reproduces the results. The engine is the one
 * the portal was built for (data-engine on the page).
 */

const root = document.querySelector<HTMLElement>('[data-search]');
const form = document.querySelector<HTMLFormElement>('form[data-search-form]');
const input = form?.querySelector<HTMLInputElement>('input[name="q"]');

const TYPING_PAUSE_MS = 300;

/** A lone surrogate (half of an emoji, pasted or in a link) cannot be searched or put in a URL as typed. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

function requestOf(params: URLSearchParams): SearchRequest {
  const clean = new URLSearchParams();
  for (const [name, value] of params) clean.append(name, wellFormed(value));
  return searchRequestFromParams(clean);
}

function addressOf(request: SearchRequest): string {
  const params = searchParamsOf(request).toString();
  return `${location.pathname}${params ? `?${params}` : ''}`;
}

function hasFilters(request: SearchRequest): boolean {
  return searchFilterNames.some((name) => (request.filters[name]?.length ?? 0) > 0);
}

function start(root: HTMLElement, form: HTMLFormElement, input: HTMLInputElement): void {
  const engine: SearchEngine =
    root.dataset.engine === 'server'
      ? serverEngine()
      : staticEngine({ bundlePath: '/pagefind/', identifierShards: Number(root.dataset.identifierShards) || 1 });
  const status = root.querySelector<HTMLElement>('[data-search-status]')!;
  const notice = root.querySelector<HTMLElement>('[data-search-notice]')!;
  const results = root.querySelector<HTMLElement>('[data-search-results]')!;
  const filters = root.querySelector<HTMLElement>('[data-search-filters]')!;
  let current = requestOf(new URLSearchParams(location.search));
  let generation = 0;
  let answered = 0;
  let typing: ReturnType<typeof setTimeout> | undefined;

  function write(request: SearchRequest, history: 'push' | 'replace' | 'none'): void {
    const address = addressOf(request);
    if (history === 'none' || address === `${location.pathname}${location.search}`) return;
    if (history === 'push') window.history.pushState(null, '', address);
    else window.history.replaceState(null, '', address);
  }

  function clear(): void {
    results.replaceChildren();
    filters.replaceChildren();
    notice.replaceChildren();
    notice.hidden = true;
  }

  function say(...parts: Array<Node | string>): void {
    notice.append(element('p', {}, ...parts));
    notice.hidden = false;
  }

  function browseLink(): HTMLAnchorElement {
    return element('a', { href: '/policies/' }, '政策文件库');
  }

  function relaxButton(label: string, request: SearchRequest): HTMLButtonElement {
    const button = element('button', { type: 'button' }, label);
    button.addEventListener('click', () => void run(request, 'push'));
    return button;
  }

  function showNone(request: SearchRequest): void {
    const active = searchFilterNames.flatMap((name) => (request.filters[name] ?? []).map((value) => [name, value] as const));
    if (active.length === 0) {
      say(`没有找到与“${request.query}”相关的结果。可以减少或更换关键词、核对文号，或到`, browseLink(), '按发布机构、主题、年份浏览。');
      return;
    }
    say('在当前筛选条件下没有找到结果。可以放宽筛选：');
    const list = element('ul');
    for (const [name, value] of active) {
      const rest = { ...request.filters, [name]: request.filters[name]!.filter((v) => v !== value) };
      list.append(element('li', {}, relaxButton(`取消“${name}：${value}”`, { ...request, filters: rest, page: 1 })));
    }
    if (active.length > 1) list.append(element('li', {}, relaxButton('取消全部筛选', { ...request, filters: {}, page: 1 })));
    notice.append(list);
  }

  function show(response: SearchResponse, request: SearchRequest, long: boolean): void {
    clear();
    if (long) say(`搜索词超过 ${SEARCH_QUERY_MAX} 个字，只按前 ${SEARCH_QUERY_MAX} 个字搜索。`);
    filters.append(...filterPane(response, request));
    if (response.match === 'none') {
      status.textContent = request.query ? `没有找到与“${request.query}”相关的结果` : '没有找到结果';
      showNone(request);
      return;
    }
    const pages = pageCount(response);
    const where = pages > 1 ? `，第 ${Math.min(request.page, pages)} / ${pages} 页` : '';
    status.textContent =
      response.match === 'partial'
        ? `没有同时包含全部词语的结果，以下是包含部分词语的结果：共 ${response.total} 条${where}，包含词语多的排在前面。`
        : `找到 ${response.total} 条结果${where}`;
    if (response.results.length === 0) {
      say('这一页没有结果。', element('a', { href: `?${searchParamsOf({ ...request, page: 1 })}`, 'data-page': '1' }, '回到第 1 页'));
      return;
    }
    results.append(resultList(response));
    const nav = pagination(response, request);
    if (nav) results.append(nav);
  }

  async function run(request: SearchRequest, history: 'push' | 'replace' | 'none', long = false): Promise<void> {
    clearTimeout(typing);
    current = request;
    write(request, history);
    const mine = ++generation;
    delete root.dataset.countsPending;
    try {
      if (!request.query && !hasFilters(request)) {
        clear();
        status.textContent = '请输入关键词搜索，或到政策文件库按机构、主题、年份浏览。';
        return;
      }
      root.setAttribute('aria-busy', 'true');
      status.textContent = `正在搜索“${request.query}”…`;
      const response = await engine.search(request);
      if (mine !== generation) return;
      show(response, request, long);
      if (engine.countsLater && Object.keys(response.filters).length === 0) {
        // Marked while the counts are on their way, so that a test (or a script) can wait for them.
        root.dataset.countsPending = '';
        void countsFor(request, mine);
      }
    } catch (error) {
      if (mine !== generation) return;
      clear();
      status.textContent = '搜索出错';
      if (error instanceof SearchError) say(error.message);
      else say('搜索时出错，请稍后重试；也可以到', browseLink(), '浏览。');
    } finally {
      if (mine === generation) {
        root.removeAttribute('aria-busy');
        // Searches answered so far: what a test (or a screen reader script) waits on after an action.
        root.dataset.searches = String(++answered);
      }
    }
  }

  /** The filter counts of a search answered without them, drawn when they arrive (unless another search came first). */
  async function countsFor(request: SearchRequest, mine: number): Promise<void> {
    try {
      await engine.countsLater!();
      if (mine !== generation) return;
      const response = await engine.search(request);
      if (mine === generation) filters.replaceChildren(...filterPane(response, request));
    } catch {
      // Without counts the results still stand; the filters appear with the next search.
    } finally {
      if (mine === generation) delete root.dataset.countsPending;
    }
  }

  const typed = (): SearchRequest => {
    const params = searchParamsOf({ ...current, query: '', page: 1 });
    params.set('q', wellFormed(input.value));
    return requestOf(params);
  };

  input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => void run(typed(), 'replace'), TYPING_PAUSE_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(typed(), 'push');
  });
  filters.addEventListener('change', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
    const chosen: SearchRequest['filters'] = {};
    for (const name of searchFilterNames) {
      const values = [...filters.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')]
        .filter((b) => b.name === name)
        .map((b) => b.value);
      if (values.length > 0) chosen[name] = values;
    }
    void run({ ...current, filters: chosen, page: 1 }, 'push');
  });
  root.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-page]') : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void run({ ...current, page: Number(link.dataset.page) || 1 }, 'push').then(() => status.scrollIntoView({ block: 'nearest' }));
  });
  window.addEventListener('popstate', () => {
    const request = requestOf(new URLSearchParams(location.search));
    input.value = request.query;
    void run(request, 'none');
  });

  const raw = new URLSearchParams(location.search).get('q') ?? '';
  input.value = current.query;
  void run(current, 'none', raw.length > SEARCH_QUERY_MAX);
}

if (root && form && input) start(root, form, input);

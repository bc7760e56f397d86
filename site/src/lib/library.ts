import {
  catalogNodes,
  genres,
  labelOf,
  normalizeSearchQuery,
  SEARCH_QUERY_MAX,
  topicClasses,
  topicPosition,
  validities,
  type CatalogNode,
} from '@portal/shared';
import { byPublishDate, type Agency, type Policy } from './content.ts';
import { yearOf } from './format.ts';
import { urls } from './urls.ts';

/*
 * 政策文件库的组合筛选: any combination of 发布机构, 主题分类, 年份, 有效性, 体裁 and 信息类别, plus a
 * keyword over 标题, 文号 and 内容概述. Each facet's counts are those of the documents matching the
 * keyword and every *other* facet set, so a count always says how many documents a click leaves
 * (as gov.cn's 政策文件库 does). The static listing pages (lib/catalog.ts) use the same counts for
 * their one facet; the on-demand page /policies/filter/ answers every combination from the
 * release's own content collections, never the CMS.
 */

/** The facets, in the order a reader expects them; each key is also its URL parameter and its static listing's path segment. */
export const libraryFacets = [
  { key: 'agency', name: '发布机构' },
  { key: 'topic', name: '主题分类' },
  { key: 'year', name: '年份' },
  { key: 'validity', name: '有效性' },
  { key: 'genre', name: '体裁' },
  { key: 'category', name: '信息类别' },
] as const;
export type LibraryFacetKey = (typeof libraryFacets)[number]['key'];
const facetKeys: readonly LibraryFacetKey[] = libraryFacets.map((f) => f.key);
const facetName = (key: LibraryFacetKey) => libraryFacets.find((f) => f.key === key)!.name;

/** The 信息类别 an item is catalogued under: a category outside the vocabulary counts as 其他. */
export function catalogueNodeOf(policy: Policy): CatalogNode {
  return (catalogNodes as readonly string[]).includes(policy.catalogNode ?? '') ? (policy.catalogNode as CatalogNode) : '其他';
}

/**
 * Each facet value's identifier (short, stable, no Chinese): the agency's slug, the topic's
 * position in the vocabulary (`5`, `5-1`), the year, the validity's key, the genre's and the
 * category's position counted from 1.
 */
export const facetValueIds = {
  agency: (slug: string) => slug,
  topic: (position: readonly number[]) => position.join('-'),
  year: (year: string) => year,
  validity: (key: string) => key,
  genre: (genre: string) => {
    const index = (genres as readonly string[]).indexOf(genre);
    return index < 0 ? undefined : String(index + 1);
  },
  category: (node: CatalogNode) => String(catalogNodes.indexOf(node) + 1),
};

/** The values of each facet a document belongs to (a topic's class and its subclass both). */
function valuesOf(p: Policy): Record<LibraryFacetKey, readonly string[]> {
  const position = p.topic ? topicPosition(p.topic) : undefined;
  const genre = p.genre ? facetValueIds.genre(p.genre) : undefined;
  return {
    agency: p.agency ? [facetValueIds.agency(p.agency.slug)] : [],
    topic: position
      ? position.length === 2
        ? [facetValueIds.topic([position[0]]), facetValueIds.topic(position)]
        : [facetValueIds.topic(position)]
      : [],
    year: [facetValueIds.year(yearOf(p.publishDate))],
    validity: [facetValueIds.validity(p.validity)],
    genre: genre ? [genre] : [],
    category: [facetValueIds.category(catalogueNodeOf(p))],
  };
}

/** One value a facet offers: its identifier, what it reads, and (主题分类's second level) its class. */
export type FacetOption = { id: string; label: string; parent?: string };

/**
 * What the keyword and a document's text are compared in: compatibility forms folded (full-width
 * digits and brackets), quotes dropped, a 文号's year brackets written 〔〕 whichever way they were
 * typed (shared/src/doc-number.ts), Latin letters in lower case. Both sides pass through it.
 */
export function foldForKeyword(text: string): string {
  return normalizeSearchQuery(text.toWellFormed().normalize('NFKC')).toLowerCase();
}

type Entry = { policy: Policy; values: Record<LibraryFacetKey, readonly string[]>; text: string };

/** The library prepared for filtering: documents newest first with their facet values and folded text, and each facet's options in reading order. */
export type LibraryIndex = {
  entries: readonly Entry[];
  options: Record<LibraryFacetKey, readonly FacetOption[]>;
  labels: Record<LibraryFacetKey, ReadonlyMap<string, string>>;
};

export function libraryIndex(all: readonly Policy[], agencyOrder: readonly Agency[]): LibraryIndex {
  const entries = [...all].sort(byPublishDate).map((policy) => ({
    policy,
    values: valuesOf(policy),
    text: foldForKeyword([policy.title, policy.docNumber ?? '', policy.summary ?? ''].join(' ')),
  }));
  const years = [...new Set(all.map((p) => yearOf(p.publishDate)))].sort().reverse();
  const options: LibraryIndex['options'] = {
    agency: agencyOrder.map((a) => ({ id: facetValueIds.agency(a.slug), label: a.name })),
    topic: topicClasses.flatMap((cls, i) => [
      { id: facetValueIds.topic([i + 1]), label: cls.name },
      ...cls.children.map((sub, j) => ({ id: facetValueIds.topic([i + 1, j + 1]), label: sub, parent: facetValueIds.topic([i + 1]) })),
    ]),
    year: years.map((year) => ({ id: facetValueIds.year(year), label: `${year}年` })),
    validity: Object.keys(validities).map((key) => ({ id: facetValueIds.validity(key), label: labelOf(validities, key) })),
    genre: genres.map((genre) => ({ id: facetValueIds.genre(genre)!, label: genre })),
    category: catalogNodes.map((node) => ({ id: facetValueIds.category(node), label: node })),
  };
  // How a chosen value is named (a subclass with its class: 国土资源、能源\土地).
  const labelsOf = (list: readonly FacetOption[]): ReadonlyMap<string, string> =>
    new Map(
      list.map((o) => {
        const parent = o.parent === undefined ? undefined : list.find((p) => p.id === o.parent);
        return [o.id, parent ? `${parent.label}\\${o.label}` : o.label];
      }),
    );
  const labels = {
    agency: labelsOf(options.agency),
    topic: labelsOf(options.topic),
    year: labelsOf(options.year),
    validity: labelsOf(options.validity),
    genre: labelsOf(options.genre),
    category: labelsOf(options.category),
  };
  return { entries, options, labels };
}

/** What a visitor asked for: at most one value per facet, and the keyword (at most SEARCH_QUERY_MAX characters). */
export type LibraryState = { filters: Partial<Record<LibraryFacetKey, string>>; keyword: string };

export const emptyState: LibraryState = { filters: {}, keyword: '' };

/** The keyword's terms: separated by spaces, each of which a document must contain. */
function keywordTerms(keyword: string): string[] {
  return [...new Set(foldForKeyword(keyword).split(' ').filter(Boolean))];
}

/** The documents matching a state, newest first, and each facet's counts over the documents matching everything else. */
export type Narrowed = { policies: Policy[]; counts: Record<LibraryFacetKey, ReadonlyMap<string, number>> };

export function narrow(index: LibraryIndex, state: LibraryState): Narrowed {
  const counts = Object.fromEntries(facetKeys.map((key) => [key, new Map<string, number>()])) as Record<
    LibraryFacetKey,
    Map<string, number>
  >;
  const add = (key: LibraryFacetKey, values: readonly string[]) => {
    for (const value of values) counts[key].set(value, (counts[key].get(value) ?? 0) + 1);
  };
  const terms = keywordTerms(state.keyword);
  const set = facetKeys.filter((key) => state.filters[key] !== undefined);
  const policies: Policy[] = [];
  for (const entry of index.entries) {
    if (!terms.every((term) => entry.text.includes(term))) continue;
    // A document that misses exactly one facet set still counts for that facet's other values.
    let missed: LibraryFacetKey | undefined;
    let misses = 0;
    for (const key of set) {
      if (entry.values[key].includes(state.filters[key]!)) continue;
      missed = key;
      if (++misses > 1) break;
    }
    if (misses === 0) {
      policies.push(entry.policy);
      for (const key of facetKeys) add(key, entry.values[key]);
    } else if (misses === 1) add(missed!, entry.values[missed!]);
  }
  return { policies, counts };
}

/** The URL parameters of a state (fixed order, so one combination has one address) and a page. */
export function stateParams(state: LibraryState, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of facetKeys) if (state.filters[key] !== undefined) params.set(key, state.filters[key]!);
  if (state.keyword) params.set('q', state.keyword);
  if (page > 1) params.set('page', String(page));
  return params;
}

/** The address of the combined view for a state and page. */
export function libraryUrl(state: LibraryState, page = 1): string {
  const query = stateParams(state, page).toString();
  return query ? `${urls.libraryFilter()}?${query}` : urls.libraryFilter();
}

/** A state with one facet set to a value, or cleared (`undefined`); the page starts over. */
export function withFilter(state: LibraryState, key: LibraryFacetKey, value: string | undefined): LibraryState {
  const filters = { ...state.filters };
  if (value === undefined) delete filters[key];
  else filters[key] = value;
  return { ...state, filters };
}

/** The facets as the navigation draws them: each value with its narrowed count and where it leads. */
export type NavValue = { label: string; count: number; href: string; current: boolean; children?: NavValue[] };
export type NavGroup = { key: LibraryFacetKey; name: string; values: NavValue[]; clear?: { href: string; current: boolean } };

/**
 * The navigation for a state: every facet value with documents behind it (given the other facets),
 * linked by `hrefOf`; a value already chosen is marked current. `clearOf` (the combined view) gives
 * each group a 不限 link that drops the facet.
 */
export function navGroups(
  index: LibraryIndex,
  state: LibraryState,
  counts: Narrowed['counts'],
  hrefOf: (key: LibraryFacetKey, id: string) => string,
  clearOf?: (key: LibraryFacetKey) => string,
): NavGroup[] {
  return libraryFacets.map(({ key, name }) => {
    const value = (o: FacetOption): NavValue[] => {
      const count = counts[key].get(o.id) ?? 0;
      return count > 0 ? [{ label: o.label, count, href: hrefOf(key, o.id), current: state.filters[key] === o.id }] : [];
    };
    const options = index.options[key];
    const values = options
      .filter((o) => o.parent === undefined)
      .flatMap((o) => value(o).map((v) => ({ ...v, children: options.filter((c) => c.parent === o.id).flatMap(value) })));
    return {
      key,
      name,
      values,
      ...(clearOf ? { clear: { href: clearOf(key), current: state.filters[key] === undefined } } : {}),
    };
  });
}

/** A chosen condition as the page names it, with the address that drops it. */
export type Chosen = { name: string; label: string; without: string };

export function chosenConditions(index: LibraryIndex, state: LibraryState): Chosen[] {
  const chosen: Chosen[] = facetKeys
    .filter((key) => state.filters[key] !== undefined)
    .map((key) => ({
      name: facetName(key),
      label: index.labels[key].get(state.filters[key]!) ?? state.filters[key]!,
      without: libraryUrl(withFilter(state, key, undefined)),
    }));
  if (state.keyword) chosen.push({ name: '关键词', label: state.keyword, without: libraryUrl({ ...state, keyword: '' }) });
  return chosen;
}

/** The longest facet value read from an address (a slug or a number); longer is no value we have. */
const VALUE_MAX = 64;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Text of the address as it may be echoed in a notice: well-formed, no control characters, short. */
const echo = (text: string, max = 20) => {
  const clean = text.toWellFormed().replace(CONTROL, '');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
};

/** A request of the combined view, read from its address: the state, the page asked for, and what was wrong with the address, in Chinese. */
export type LibraryRequest = { state: LibraryState; page: number; notices: string[] };

/**
 * Reads the combined view's parameters. Nothing in an address is trusted: each parameter's first
 * value only, a facet value the library does not have is dropped with a notice saying so, the
 * keyword is cut to SEARCH_QUERY_MAX characters (with a notice), a page that is no positive
 * number is page 1. Every message says what was wrong and what was done instead.
 */
export function readLibraryRequest(params: URLSearchParams, index: LibraryIndex): LibraryRequest {
  const notices: string[] = [];
  const filters: LibraryState['filters'] = {};
  for (const { key, name } of libraryFacets) {
    const raw = params.get(key)?.trim();
    if (!raw) continue;
    if (raw.length <= VALUE_MAX && index.labels[key].has(raw)) filters[key] = raw;
    else notices.push(`${name}“${echo(raw)}”不在可选范围内，已忽略这一条件；请从筛选项中选择。`);
  }
  const typed = (params.get('q') ?? '').toWellFormed().replace(CONTROL, ' ');
  // Shown back in the box as typed, but for quotes and a 文号's brackets (the matching folds the rest).
  let keyword = normalizeSearchQuery(typed.slice(0, SEARCH_QUERY_MAX * 2));
  if (keyword.length > SEARCH_QUERY_MAX) {
    keyword = keyword.slice(0, SEARCH_QUERY_MAX).toWellFormed().trim();
    notices.push(`关键词最长 ${SEARCH_QUERY_MAX} 个字，已按前 ${SEARCH_QUERY_MAX} 个字查找。`);
  }
  const rawPage = params.get('page')?.trim() ?? '';
  let page = 1;
  if (/^\d{1,15}$/.test(rawPage) && Number(rawPage) >= 1) page = Number(rawPage);
  else if (rawPage) notices.push(`页码“${echo(rawPage)}”无效（应为从 1 起的整数），已显示第 1 页。`);
  return { state: { filters, keyword }, page, notices };
}

/** The state a static listing stands for (`agency/linzi` → 发布机构 = linzi), or the empty state for the whole library. */
export function stateOfListing(path: string): LibraryState {
  const [segment, ...rest] = path.split('/');
  const key = facetKeys.find((k) => k === segment);
  return key && rest.length > 0 ? { filters: { [key]: rest.join('/') }, keyword: '' } : emptyState;
}

let memo: { policies: readonly Policy[]; agencies: readonly Agency[]; index: LibraryIndex } | undefined;
const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * The index of a release's library, prepared once per process: the on-demand server holds one
 * release's content, whose entries keep their identity between calls, so every later request
 * only filters. Different content (a dev server's reload) is a different index.
 */
export function libraryIndexOf(policies: readonly Policy[], agencies: readonly Agency[]): LibraryIndex {
  if (!memo || !sameItems(memo.policies, policies) || !sameItems(memo.agencies, agencies))
    memo = { policies, agencies, index: libraryIndex(policies, agencies) };
  return memo.index;
}

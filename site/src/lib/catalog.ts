import { catalogNodes, labelOf, splitTopic, topicPosition, TOPIC_SEPARATOR, validities, type CatalogNode } from '@portal/shared';
import { byPublishDate, type Agency, type Policy } from './content.ts';
import { yearOf } from './format.ts';
import {
  catalogueNodeOf,
  facetValueIds,
  libraryIndex,
  libraryUrl,
  narrow,
  navGroups,
  stateOfListing,
  withFilter,
  type LibraryFacetKey,
  type NavGroup,
} from './library.ts';
import { urls } from './urls.ts';

export { catalogueNodeOf };

/*
 * The policy library (政策文件库) as static pages: every facet value (发布机构, 主题分类, 年份,
 * 有效性, 体裁) is a listing of its own, in two sort orders, 20 a page. A listing's facet counts are
 * narrowed by its own facet (lib/library.ts): a value of its own group leads to that value's
 * listing, a value of another group to the combined view (/policies/filter/) with both set, so a
 * count always says how many documents are behind its link. No JavaScript: a visitor narrows by
 * following links, which also works for crawlers and inspectors.
 */

export const PAGE_SIZE = 20;

export type SortKey = 'publish' | 'written';
/** The sort orders, with the address segment each adds (the default adds none). */
export const sortOrders: ReadonlyArray<{ key: SortKey; label: string; segment: string }> = [
  { key: 'publish', label: '发布日期', segment: '' },
  { key: 'written', label: '成文日期', segment: 'written' },
];

const byWrittenDate = (a: Policy, b: Policy) => (b.writtenDate ?? '').localeCompare(a.writtenDate ?? '') || byPublishDate(a, b);
export const comparators: Record<SortKey, (a: Policy, b: Policy) => number> = { publish: byPublishDate, written: byWrittenDate };

/** A listing of the library: all documents (`path` empty) or one facet value's. */
export type Listing = { path: string; heading: string; policies: Policy[] };

/** Where each facet value's listing lives, below /policies/. */
export const facetPaths = {
  agency: (slug: string) => `agency/${facetValueIds.agency(slug)}`,
  topic: (position: readonly number[]) => `topic/${facetValueIds.topic(position)}`,
  year: (year: string) => `year/${facetValueIds.year(year)}`,
  validity: (key: string) => `validity/${facetValueIds.validity(key)}`,
  genre: (genre: string) => {
    const id = facetValueIds.genre(genre);
    return id === undefined ? undefined : `genre/${id}`;
  },
};
/** The facets with a static listing per value (信息类别 has none: its values are browsed per agency, in the catalogue). */
const listedFacets: ReadonlySet<LibraryFacetKey> = new Set(['agency', 'topic', 'year', 'validity', 'genre']);

/** Each facet: its group name, and for a document the facet values it belongs to (path and label). */
const facets: ReadonlyArray<{ name: string; valuesOf: (p: Policy) => Array<{ path: string; label: string }> }> = [
  { name: '发布机构', valuesOf: (p) => (p.agency ? [{ path: facetPaths.agency(p.agency.slug), label: p.agency.name }] : []) },
  {
    name: '主题分类',
    valuesOf: (p) => {
      const position = p.topic ? topicPosition(p.topic) : undefined;
      if (!position || !p.topic) return [];
      const { main, sub } = splitTopic(p.topic);
      const top = { path: facetPaths.topic([position[0]]), label: main };
      return position.length === 2 && sub ? [top, { path: facetPaths.topic(position), label: `${main}\\${sub}` }] : [top];
    },
  },
  { name: '年份', valuesOf: (p) => [{ path: facetPaths.year(yearOf(p.publishDate)), label: `${yearOf(p.publishDate)}年` }] },
  { name: '有效性', valuesOf: (p) => [{ path: facetPaths.validity(p.validity), label: labelOf(validities, p.validity) }] },
  {
    name: '体裁',
    valuesOf: (p) => {
      const path = p.genre ? facetPaths.genre(p.genre) : undefined;
      return path ? [{ path, label: p.genre! }] : [];
    },
  },
];

/** Every listing of the library: all documents, then one per facet value that holds any. */
export function listings(all: readonly Policy[]): Listing[] {
  const byPath = new Map<string, Listing>();
  for (const policy of all) {
    for (const facet of facets) {
      for (const { path, label } of facet.valuesOf(policy)) {
        const listing = byPath.get(path) ?? byPath.set(path, { path, heading: `${facet.name}：${label}`, policies: [] }).get(path)!;
        listing.policies.push(policy);
      }
    }
  }
  return [{ path: '', heading: '全部文件', policies: [...all] }, ...byPath.values()];
}

/** Address of a listing page: facet, sort order and page number. */
export function listingUrl(path: string, sort: SortKey, page = 1): string {
  const segment = sortOrders.find((s) => s.key === sort)!.segment;
  const parts = [path, segment, page > 1 ? `page/${page}` : ''].filter(Boolean);
  return parts.length === 0 ? urls.policies() : `${urls.policies()}${parts.join('/')}/`;
}

export type ListingPage = {
  /** The facets with their counts narrowed by the listing's facet, the same on every page of a listing and sort order. */
  groups: NavGroup[];
  listing: Listing;
  sort: SortKey;
  page: number;
  pageCount: number;
  policies: Policy[];
};

/** Every page of every listing in both sort orders, as the static route's parameters and props. */
export function listingPages(
  all: readonly Policy[],
  agencyOrder: readonly Agency[],
): Array<{ params: { listing: string | undefined }; props: ListingPage }> {
  const index = libraryIndex(all, agencyOrder);
  return listings(all).flatMap((listing) => {
    const state = stateOfListing(listing.path);
    const { counts } = narrow(index, state);
    const [own] = Object.keys(state.filters);
    return sortOrders.flatMap(({ key: sort }) => {
      // Within the listing's own group (or from the whole library) a value has a listing of its own; any other combines.
      const href = (key: LibraryFacetKey, id: string) =>
        listedFacets.has(key) && (own === undefined || own === key)
          ? listingUrl(`${key}/${id}`, sort)
          : libraryUrl(withFilter(state, key, id));
      const groups = navGroups(index, state, counts, href);
      const sorted = [...listing.policies].sort(comparators[sort]);
      const pageCount = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
      return Array.from({ length: pageCount }, (_, i) => {
        const page = i + 1;
        const url = listingUrl(listing.path, sort, page);
        const param = url.slice(urls.policies().length).replace(/\/$/, '');
        return {
          params: { listing: param || undefined },
          props: { groups, listing, sort, page, pageCount, policies: sorted.slice(i * PAGE_SIZE, page * PAGE_SIZE) },
        };
      });
    });
  });
}

/*
 * 法定主动公开内容: an agency's items as the catalogue its guide describes, one node per 信息类别 of
 * the vocabulary (shared/), each node split by year. A node is addressed by its position in the
 * vocabulary (stable, short, no Chinese in the path); a 信息类别 outside the vocabulary is counted
 * under 其他, so every item is somewhere in the tree and the counts add up to the agency's total.
 */
export type CatalogueNode = { node: CatalogNode; number: number; policies: Policy[]; years: Array<{ year: string; count: number }> };

/** Every node of the vocabulary, in its order, with the agency's items (newest first) and counts by year. */
export function catalogueTree(own: readonly Policy[]): CatalogueNode[] {
  return catalogNodes.map((node, i) => {
    const items = own.filter((p) => catalogueNodeOf(p) === node).sort(comparators.publish);
    const years = new Map<string, number>();
    for (const p of items) years.set(yearOf(p.publishDate), (years.get(yearOf(p.publishDate)) ?? 0) + 1);
    return { node, number: i + 1, policies: items, years: [...years].map(([year, count]) => ({ year, count })) };
  });
}

/**
 * 政府信息公开制度: the rules an agency follows in its disclosure work. There is no content type of
 * their own; they are policy items whose 主题分类 is 综合政务\政务公开 (the national vocabulary's
 * class for disclosure work), whatever their 信息类别 or 体裁.
 */
export const RULES_TOPIC = `综合政务${TOPIC_SEPARATOR}政务公开`;
export const isDisclosureRule = (policy: Policy): boolean => policy.topic === RULES_TOPIC;

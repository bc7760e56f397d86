import { createHash } from 'node:crypto';
import { exactIdentifier, searchFilterNames, searchMetaNames, type SearchFilterName, type SearchMetaName } from '@portal/shared';

/*
 * What the search index learns from one built page, read as Pagefind reads it: only the element
 * marked `data-pagefind-body` (the Layout's <main>), its text without scripts, styles and
 * `data-pagefind-ignore` parts, its first <h1> as the title, and the `data-pagefind-meta` /
 * `data-pagefind-filter` spans the Layout writes (site/src/components/Layout.astro). The pages
 * are Astro's own well-formed output, so a small tag scanner is enough; it never executes or
 * fetches anything.
 */

export type PageRecord = {
  url: string;
  title: string;
  /** The page's text, whitespace collapsed: what excerpts are cut from. */
  text: string;
  meta: Partial<Record<SearchMetaName, string>>;
  filters: Partial<Record<SearchFilterName, string>>;
  /** ISO date for ordering a filter-only list (data-pagefind-sort date), or ''. */
  date: string;
  /** Exact identifiers in their stored form (shared exactIdentifier), or ''. */
  docNumber: string;
  indexNumber: string;
};

const BODY_START = /<main\b(?:[^>"']|"[^"]*"|'[^']*')*\bdata-pagefind-body\b(?:[^>"']|"[^"]*"|'[^']*')*>/;
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW = new Set(['script', 'style', 'template', 'noscript', 'svg']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]); // prettier-ignore

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ' };

/** HTML character references decoded (numeric ones and the few named ones Astro and rich text write). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[ref] ?? whole;
  });
}

function attributes(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE))
    found.set(match[1]!.toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  return found;
}

/** The searchable part of a page (the data-pagefind-body element's source), or null if the page is not searchable. */
export function searchableSource(html: string): string | null {
  const start = BODY_START.exec(html);
  if (!start) return null;
  const end = html.lastIndexOf('</main>');
  return end > start.index ? html.slice(start.index, end) : html.slice(start.index);
}

/**
 * The searchable part of a page file as bytes, found without decoding the file (the same part as
 * `searchableSource`): an incremental index reads every page and decodes only those that changed.
 */
export function searchableBytes(file: Buffer): Buffer | null {
  for (let at = file.indexOf('<main'); at >= 0; at = file.indexOf('<main', at + 5)) {
    const close = file.indexOf('>', at);
    if (close < 0) return null;
    if (!BODY_START.test(file.toString('utf8', at, close + 1))) continue;
    const end = file.lastIndexOf('</main>');
    return file.subarray(at, end > at ? end : file.length);
  }
  return null;
}

/** A page's content hash: of its searchable part only, so a change of stylesheet names or navigation re-reads nothing. */
export function sourceHash(source: string | Buffer): string {
  return createHash('sha256').update(source).digest('base64url');
}

/** The URL a built file is served at: `policies/x/index.html` → `/policies/x/`. */
export function pageUrl(relativeFile: string): string {
  const posix = relativeFile.split(/[\\/]/).join('/');
  return `/${posix.replace(/(^|\/)index\.html$/, '$1')}`;
}

const isFilterName = (name: string): name is SearchFilterName => (searchFilterNames as readonly string[]).includes(name);
const isMetaName = (name: string): name is SearchMetaName => (searchMetaNames as readonly string[]).includes(name);

function splitPair(value: string): [string, string] | null {
  const colon = value.indexOf(':');
  if (colon <= 0) return null;
  const pair: [string, string] = [value.slice(0, colon).trim(), value.slice(colon + 1).trim()];
  return pair[1] ? pair : null;
}

/** Reads a searchable part (from `searchableSource`) into what the index stores. */
export function readPage(url: string, source: string): PageRecord {
  const parts: string[] = [];
  const stack: string[] = [];
  let ignoredDepth = -1;
  let title: string | null = null;
  let titleParts: string[] | null = null;
  let titleDepth = -1;
  let thText = '';
  let inTh = false;
  let awaitingIndexCell = false;
  let indexCell: string[] | null = null;
  let indexFromTable = '';
  const meta: PageRecord['meta'] = {};
  const filters: PageRecord['filters'] = {};
  let date = '';

  const text = (chunk: string) => {
    if (ignoredDepth >= 0 || !chunk) return;
    const decoded = decodeEntities(chunk);
    parts.push(decoded);
    titleParts?.push(decoded);
    if (inTh) thText += decoded;
    indexCell?.push(decoded);
  };

  let last = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(source); match; match = TAG.exec(source)) {
    text(source.slice(last, match.index));
    last = TAG.lastIndex;
    const name = match[2]?.toLowerCase();
    if (!name) continue; // a comment
    if (match[1]) {
      // a closing tag: pop to its opening one (tolerates a missing close in between)
      const at = stack.lastIndexOf(name);
      if (at < 0) continue;
      stack.length = at;
      if (ignoredDepth >= at) ignoredDepth = -1;
      if (titleParts && titleDepth >= at) {
        title = titleParts.join('').replace(/\s+/g, ' ').trim();
        titleParts = null;
      }
      if (name === 'th') {
        inTh = false;
        awaitingIndexCell = thText.trim() === '索引号';
      }
      if (name === 'td' && indexCell) {
        indexFromTable = indexCell.join('').trim();
        indexCell = null;
      }
      if (BLOCK.has(name)) parts.push(' ');
      continue;
    }
    const attrs = attributes(match[3] ?? '');
    if (ignoredDepth < 0) {
      const filter = attrs.get('data-pagefind-filter');
      const metaValue = attrs.get('data-pagefind-meta');
      const sort = attrs.get('data-pagefind-sort');
      const filterPair = filter ? splitPair(filter) : null;
      if (filterPair && isFilterName(filterPair[0])) filters[filterPair[0]] = filterPair[1];
      const metaPair = metaValue ? splitPair(metaValue) : null;
      if (metaPair && isMetaName(metaPair[0])) meta[metaPair[0]] = metaPair[1];
      const sortPair = sort ? splitPair(sort) : null;
      if (sortPair?.[0] === 'date') date = sortPair[1];
    }
    if (BLOCK.has(name)) parts.push(' ');
    const selfClosing = VOID.has(name) || /\/\s*$/.test(match[3] ?? '');
    if (selfClosing) continue;
    if (RAW.has(name)) {
      // Raw text (script, style): skipped whole, to its closing tag.
      const closing = new RegExp(`</${name}\\b[^>]*>`, 'gi');
      closing.lastIndex = last;
      const close = closing.exec(source);
      const end = close ? closing.lastIndex : source.length;
      last = end;
      TAG.lastIndex = end;
      continue;
    }
    stack.push(name);
    if (ignoredDepth < 0 && attrs.has('data-pagefind-ignore')) ignoredDepth = stack.length - 1;
    if (name === 'h1' && title === null && !titleParts && ignoredDepth < 0) {
      titleParts = [];
      titleDepth = stack.length - 1;
    }
    if (name === 'th') {
      inTh = true;
      thText = '';
    }
    if (name === 'td' && awaitingIndexCell) {
      awaitingIndexCell = false;
      indexCell = [];
    } else if (name === 'td' || name === 'tr') awaitingIndexCell = name === 'td' ? false : awaitingIndexCell;
  }
  text(source.slice(last));

  const body = parts.join('').replace(/\s+/g, ' ').trim();
  if (!meta.索引号 && indexFromTable) meta.索引号 = indexFromTable;
  const docNumber = meta.文号 ? exactIdentifier(meta.文号) : null;
  const indexNumber = meta.索引号 ? exactIdentifier(meta.索引号) : null;
  return {
    url,
    title: title || meta.类型 || url,
    text: body,
    meta,
    filters,
    date,
    docNumber: docNumber?.kind === '文号' ? docNumber.value : '',
    indexNumber: indexNumber?.kind === '索引号' ? indexNumber.value : '',
  };
}

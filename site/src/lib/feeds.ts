import { CHINA_UTC_OFFSET, labelOf, validities } from '@portal/shared';
import type { Policy } from './content.ts';
import { escapeHtml } from './html.ts';
import { siteInfo } from '../../site.config.ts';
import { urls } from './urls.ts';

/*
 * Atom feeds of policy items (RFC 4287): the whole site's and each agency's. Entries are the
 * newest first and carry the metadata a subscriber screens by (文号, 发布机构, 有效性) in the summary.
 */

/**
 * Opened in a browser, a feed is shown as a Chinese page (what it is, how to subscribe, the
 * entries) by this static stylesheet (site/public/feeds/feed.xsl); feed readers ignore it.
 */
export const FEED_STYLESHEET = '/feeds/feed.xsl';

/** Entries in a feed: enough for a feed reader, bounded so a feed stays small at any scale. */
export const FEED_SIZE = 50;

export type FeedOptions = { title: string; path: string; site: URL; policies: readonly Policy[] };

const dateTime = (date: string) => (date.length === 10 ? `${date}T00:00:00${CHINA_UTC_OFFSET}` : date);

/** Characters XML 1.0 does not allow anywhere (C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/FFFF). */
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML character data: one control character pasted into a title must not make the whole feed unreadable. */
const xml = (text: string) => escapeHtml(text.replace(XML_ILLEGAL, ''));

function entry(policy: Policy, site: URL): string {
  const url = new URL(urls.policy(policy.documentId), site).href;
  const summary = [
    policy.docNumber && `文号：${policy.docNumber}`,
    policy.agency && `发布机构：${policy.agency.name}`,
    `有效性：${labelOf(validities, policy.validity)}`,
    policy.summary,
  ]
    .filter(Boolean)
    .join('；');
  return `  <entry>
    <id>${xml(url)}</id>
    <title>${xml(policy.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <published>${dateTime(policy.publishDate)}</published>
    <updated>${dateTime(policy.publishDate)}</updated>
    ${policy.agency ? `<author><name>${xml(policy.agency.name)}</name></author>` : ''}
    <summary>${xml(summary)}</summary>
  </entry>`;
}

/** The feed's XML; `policies` newest first. */
export function atomFeed({ title, path, site, policies }: FeedOptions): string {
  const self = new URL(path, site).href;
  const shown = policies.slice(0, FEED_SIZE);
  const updated = dateTime(shown[0]?.publishDate ?? '2000-01-01');
  return `<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet type="text/xsl" href="${FEED_STYLESHEET}"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xml(self)}</id>
  <title>${xml(title)}</title>
  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>
  <link rel="alternate" type="text/html" href="${xml(new URL(urls.policies(), site).href)}"/>
  <updated>${updated}</updated>
  <author><name>${xml(siteInfo.name)}</name></author>
${shown.map((p) => entry(p, site)).join('\n')}
</feed>
`;
}

export const atomHeaders = { 'content-type': 'application/atom+xml; charset=utf-8' };

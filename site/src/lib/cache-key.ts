import { createHash } from 'node:crypto';
import { siteInfo } from '../../site.config.ts';

/*
 * Keys for Astro's incremental build (experimental.incrementalBuild, site/astro.config.mjs): a page
 * whose `cacheKey` and module graph are as in the last build is copied from Astro's cache instead of
 * rendered. A key is a digest of exactly the data its page shows, so an edit re-renders the pages
 * that show the edited document and nothing else; anything every page shows (the site
 * configuration, the portal's address, the build's code, including @portal/shared, which Vite keeps
 * outside the page's module graph) is mixed into every key, so a change there re-renders all.
 *
 * The same document object is shown by many pages (a policy by its page, its listings, its agency's
 * page, its catalogue node): each object's digest is computed once per build and reused by
 * identity. Build data is read-only, so an object's digest does not change within a build.
 */

const siteWide = JSON.stringify([siteInfo, import.meta.env.SITE, import.meta.env.PORTAL_CODE_VERSION ?? '']);

const digests = new WeakMap<object, string>();

const sha1 = (text: string) => createHash('sha1').update(text).digest('base64url');

function digestOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  const known = digests.get(value);
  if (known) return known;
  // Arrays are digested through their members, so a list of shared documents costs a digest each once.
  const digest = Array.isArray(value) ? sha1(value.map(digestOf).join(',')) : sha1(JSON.stringify(value));
  digests.set(value, digest);
  return digest;
}

/** The cache key of a page that shows `parts` (and what every page shows). */
export function cacheKey(...parts: unknown[]): string {
  return sha1(`${siteWide}\n${parts.map(digestOf).join('\n')}`);
}

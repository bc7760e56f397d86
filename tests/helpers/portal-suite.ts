import { afterAll, beforeAll } from 'vitest';
import { startCms, type CmsOptions, type RunningCms } from './cms.ts';
import { buildPortal, servePortal, type BuiltPortal, type ServedPortal } from './portal.ts';

/*
 * The setting of a portal suite: a CMS with the demo content (plus whatever `beforeBuild` adds),
 * the portal built from it and served, torn down after the suite. `cms` and `site` start the CMS
 * and build the portal otherwise (the tests' own content and site configuration: tests/fixtures).
 */

export type PortalSuite = {
  cms: () => RunningCms;
  built: () => BuiltPortal;
  url: () => string;
  /** GET a path of the served portal: status, body and content type. */
  fetchPage: (pathname: string) => Promise<{ status: number; body: string; type: string }>;
};

export function usePortal(
  options: { beforeBuild?: (cms: RunningCms) => Promise<void>; cms?: CmsOptions; site?: Record<string, string> } = {},
): PortalSuite {
  let cms: RunningCms | undefined;
  let portal: BuiltPortal | undefined;
  let served: ServedPortal | undefined;

  beforeAll(async () => {
    cms = await startCms(options.cms);
    await options.beforeBuild?.(cms);
    portal = await buildPortal(cms.url, { site: options.site });
    served = await servePortal(portal);
  });
  afterAll(async () => {
    await served?.stop();
    portal?.remove();
    await cms?.stop();
  });

  return {
    cms: () => cms!,
    built: () => portal!,
    url: () => served!.url,
    fetchPage: async (pathname) => {
      const response = await fetch(`${served!.url}${pathname}`);
      return { status: response.status, body: await response.text(), type: response.headers.get('content-type') ?? '' };
    },
  };
}

/** The href of the first link whose text is exactly `text` (after trimming tags), or undefined. */
export function linkTo(html: string, text: string): string | undefined {
  for (const match of html.matchAll(/<a\b[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)) {
    if (match[2]!.replace(/<[^>]+>/g, '').trim() === text) return match[1];
  }
  return undefined;
}

/**
 * The page without the portal's own care-mode script (components/CareMode.astro, the file
 * /care-mode.js), the one script every page carries; what is left must hold no script at all
 * (the search page aside).
 */
export function withoutCareModeScript(html: string): string {
  return html.replace('<script src="/care-mode.js"></script>', '');
}

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal, type BuildResult } from '../../scripts/publisher/build.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';

/*
 * Incremental rendering (Astro's experimental.incrementalBuild with a cacheKey per page, kept in
 * the publisher's cache folder between releases): a publish renders again only the pages that show
 * what changed, copies every other page from the last build byte for byte into the new release
 * folder, and the release is exactly what a build from scratch gives. Anything every page shows
 * (the site configuration) renders everything again. Search is indexed after Astro has exited, in
 * a step of its own (skipped when PORTAL_SEARCH=server).
 */

const work = path.resolve(import.meta.dirname, '../../site/.tmp');
const portalUrl = 'http://127.0.0.1:4999';
let cms: RunningCms;
let dir: string;
let cacheDir: string;
let n = 0;

type Built = BuildResult & { clientDir: string; log: string; renderedPaths: Set<string> };

async function build(cache = cacheDir): Promise<Built> {
  const outDir = path.join(dir, `release-${++n}`);
  const logFile = path.join(dir, `build-${n}.log`);
  const result = await buildPortal({ outDir, cacheDir: cache, logFile, logName: `build-${n}.log`, cmsUrl: cms.url, portalUrl });
  const log = readFileSync(logFile, 'utf8');
  if (!result.ok) throw new Error(`${result.error}\n${log.slice(-3000)}`);
  // The routes Astro rendered (their line ends with the render time), not those it copied from its cache.
  const renderedPaths = new Set([...log.matchAll(/[├└]─ (\S+) \(\+[\d.]+m?s\)/g)].map((m) => m[1]!));
  return { ...result, clientDir: path.join(outDir, 'client'), log, renderedPaths };
}

function htmlFiles(root: string): Map<string, string> {
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.html'));
  return new Map(
    files.map((f) => [`/${path.relative(root, path.join(f.parentPath, f.name))}`, readFileSync(path.join(f.parentPath, f.name), 'utf8')]),
  );
}

function expectSamePortal(a: Built, b: Built): void {
  const one = htmlFiles(a.clientDir);
  const other = htmlFiles(b.clientDir);
  expect([...one.keys()].sort()).toEqual([...other.keys()].sort());
  for (const [file, html] of other) expect(one.get(file), file).toBe(html);
}

const policyUid = 'api::policy-item.policy-item';

/** The pages of the published policies but `documentId`. */
async function otherPolicyPages(documentId: string): Promise<string[]> {
  const published = await cms.strapi.documents(policyUid).findMany({ status: 'published', fields: ['documentId'], limit: 1000 });
  return published.filter((p) => p.documentId !== documentId).map((p) => `/policies/${p.documentId}/index.html`);
}

beforeAll(async () => {
  cms = await startCms();
  mkdirSync(work, { recursive: true });
  dir = mkdtempSync(path.join(work, 'incremental-render-'));
  cacheDir = path.join(dir, 'cache');
});

afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await cms?.stop();
});

describe('incremental rendering', () => {
  let first: Built;
  let edited: Built;
  let policy: { documentId: string; title: string };

  it('renders every page on the first build and indexes search after Astro, in a step of its own', async () => {
    first = await build();
    expect(first.steps.map((s) => s.name)).toEqual(['astro', 'pagefind']);
    for (const s of first.steps) expect(s.peakRssMb, s.name).toBeGreaterThan(0);
    expect(first.phases?.reused).toBe(0);
    expect(first.phases?.rendered).toBe(first.renderedPaths.size);
    expect(first.renderedPaths.size).toBeGreaterThan(50);
    expect(existsSync(path.join(first.clientDir, 'pagefind', 'pagefind-entry.json'))).toBe(true);
    // Pagefind ran after Astro's build, not inside it.
    expect(first.log.indexOf('Pagefind：已索引')).toBeGreaterThan(first.log.indexOf('[build] Complete!'));
  }, 240_000);

  it('after an edit renders the edited page and the lists showing it, and copies every other page unchanged', async () => {
    const documents = cms.strapi.documents(policyUid);
    policy = await documents.findFirst({ filters: { title: '敬仲镇2021年农田水利工程建设实施方案' } });
    const title = '敬仲镇2021年农田水利工程建设实施方案（修订稿）';
    await documents.update({ documentId: policy.documentId, data: { title } });
    await documents.publish({ documentId: policy.documentId });

    edited = await build();
    const page = `/policies/${policy.documentId}/index.html`;
    expect(readFileSync(path.join(edited.clientDir, page), 'utf8')).toContain(title);
    expect(edited.renderedPaths).toContain(page);
    // The library's first page and the agency's page list it: rendered again, with the new title.
    for (const list of ['/policies/index.html', '/agencies/jingzhong/index.html']) {
      expect(edited.renderedPaths, list).toContain(list);
      expect(readFileSync(path.join(edited.clientDir, list), 'utf8'), list).toContain(title);
    }
    // Only a few pages rendered; every page not rendered is the last release's, byte for byte.
    expect(edited.phases!.rendered).toBe(edited.renderedPaths.size);
    expect(edited.phases!.reused).toBeGreaterThan(edited.phases!.rendered);
    const before = htmlFiles(first.clientDir);
    const other = [...htmlFiles(edited.clientDir)].filter(([file]) => !edited.renderedPaths.has(file));
    expect(other.length).toBeGreaterThan(30);
    for (const [file, html] of other) expect(html, file).toBe(before.get(file));
    // The pages of the policies nobody edited were not rendered again.
    const others = (await otherPolicyPages(policy.documentId)).filter((file) => before.has(file));
    expect(others.length).toBeGreaterThan(2);
    for (const file of others) expect(edited.renderedPaths, file).not.toContain(file);
  }, 240_000);

  it('after an unpublish drops the page and its list entries, and equals a build from scratch', async () => {
    const documents = cms.strapi.documents(policyUid);
    const withdrawn = await documents.findFirst({ filters: { title: '临淄区教育和体育局关于做好2021年义务教育招生工作的通知' } });
    await documents.unpublish({ documentId: withdrawn.documentId });

    const after = await build();
    expect(existsSync(path.join(after.clientDir, 'policies', withdrawn.documentId))).toBe(false);
    for (const [file, html] of htmlFiles(after.clientDir)) expect(html, file).not.toContain(`/policies/${withdrawn.documentId}/`);
    expect(readFileSync(path.join(after.clientDir, 'sitemap.xml'), 'utf8')).not.toContain(withdrawn.documentId);
    // The facet counts changed (every list page shows them), the other documents' pages did not.
    const others = await otherPolicyPages(withdrawn.documentId);
    expect(others.length).toBeGreaterThan(2);
    for (const file of others) expect(after.renderedPaths, file).not.toContain(file);
    expect(after.phases!.reused).toBeGreaterThanOrEqual(others.length);

    const scratch = await build(path.join(dir, 'scratch-cache'));
    expect(scratch.phases!.reused).toBe(0);
    expectSamePortal(after, scratch);
  }, 360_000);

  it('renders every page again when the site configuration changes; PORTAL_SEARCH=server skips Pagefind', async () => {
    const saved = { name: process.env.SITE_NAME, search: process.env.PORTAL_SEARCH };
    process.env.SITE_NAME = '增量构建测试门户';
    process.env.PORTAL_SEARCH = 'server';
    let renamed: Built;
    try {
      renamed = await build();
    } finally {
      for (const [key, value] of [
        ['SITE_NAME', saved.name],
        ['PORTAL_SEARCH', saved.search],
      ] as const)
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    }
    expect(renamed.phases!.reused).toBe(0);
    expect(renamed.phases!.rendered).toBeGreaterThan(50);
    expect(readFileSync(path.join(renamed.clientDir, 'policies', policy.documentId, 'index.html'), 'utf8')).toContain('增量构建测试门户');
    expect(renamed.steps.map((s) => s.name)).toEqual(['astro']);
    expect(existsSync(path.join(renamed.clientDir, 'pagefind'))).toBe(false);
  }, 240_000);
});

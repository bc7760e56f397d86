import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { buildPortal, type BuiltPortal } from '../helpers/portal.ts';

/*
 * Rebuilds read only what changed: the second build keeps Astro's data store from the first and
 * fetches just the documents published, changed or withdrawn since — including those whose
 * embedded relations changed — and its pages are exactly those of a build from scratch.
 */

const siteTmp = path.resolve(import.meta.dirname, '../../site/.tmp');
let cms: RunningCms;
let cacheDir: string;
const builds: BuiltPortal[] = [];

beforeAll(async () => {
  cms = await startCms();
  mkdirSync(siteTmp, { recursive: true });
  cacheDir = mkdtempSync(path.join(siteTmp, 'cache-'));
});

afterAll(async () => {
  for (const b of builds) b.remove();
  rmSync(cacheDir, { recursive: true, force: true });
  await cms?.stop();
});

function syncLine(log: string, field: string): string {
  return log.split('\n').find((line) => line.includes(`${field}: `) && line.includes('条')) ?? '';
}

function htmlFiles(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.html'));
  return new Map(
    files.map((f) => [path.relative(dir, path.join(f.parentPath, f.name)), readFileSync(path.join(f.parentPath, f.name), 'utf8')]),
  );
}

describe('incremental rebuilds', () => {
  it('fetches only what changed, and builds the same portal as a build from scratch', async () => {
    const first = await buildPortal(cms.url, { cacheDir });
    builds.push(first);
    expect(syncLine(first.log, 'policyItems')).toContain('全量');

    const documents = (uid: string) => cms.strapi.documents(uid);
    const policy = await documents('api::policy-item.policy-item').findFirst({
      filters: { title: '敬仲镇2021年农田水利工程建设实施方案' },
    });
    const withdrawn = await documents('api::policy-item.policy-item').findFirst({
      filters: { title: '临淄区教育和体育局关于做好2021年义务教育招生工作的通知' },
    });
    const agency = await documents('api::agency.agency').findFirst({ filters: { slug: 'jingzhong' } });
    // A new interpretation linked to an existing policy, an agency renamed, a policy withdrawn.
    await documents('api::policy-interpretation.policy-interpretation').create({
      data: { title: '图解：敬仲镇农田水利工程建设实施方案', form: 'graphic', publishDate: '2021-03-05', policyItems: [policy.documentId] },
      status: 'published',
    });
    await documents('api::agency.agency').update({ documentId: agency.documentId, data: { name: '临淄区敬仲镇人民政府（更名测试）' } });
    await documents('api::agency.agency').publish({ documentId: agency.documentId });
    await documents('api::policy-item.policy-item').unpublish({ documentId: withdrawn.documentId });

    const second = await buildPortal(cms.url, { cacheDir });
    builds.push(second);
    const policies = syncLine(second.log, 'policyItems');
    console.log(
      ['agencies', 'policyItems', 'policyInterpretations', 'annualReports', 'disclosureGuides']
        .map((f) => syncLine(second.log, f))
        .join('\n'),
    );
    // Refetched: the policy with the new interpretation and the policies of the renamed agency; not the rest.
    const refetched = Number(/更新 (\d+)/.exec(policies)?.[1]);
    const total = Number(/policyItems: (\d+) 条/.exec(policies)?.[1]);
    expect(refetched).toBeGreaterThan(0);
    expect(refetched).toBeLessThan(total);
    expect(policies).toContain('移除 1');

    const page = readFileSync(path.join(second.clientDir, 'policies', policy.documentId, 'index.html'), 'utf8');
    expect(page).toContain('图解：敬仲镇农田水利工程建设实施方案');
    expect(page).toContain('临淄区敬仲镇人民政府（更名测试）');
    expect(readdirSync(path.join(second.clientDir, 'policies'))).not.toContain(withdrawn.documentId);

    const scratch = await buildPortal(cms.url);
    builds.push(scratch);
    const incremental = htmlFiles(second.clientDir);
    const fromScratch = htmlFiles(scratch.clientDir);
    expect([...incremental.keys()].sort()).toEqual([...fromScratch.keys()].sort());
    for (const [file, html] of fromScratch) expect(incremental.get(file), file).toBe(html);
  });
});

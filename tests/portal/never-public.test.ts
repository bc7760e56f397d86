import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { usePortal } from '../helpers/portal-suite.ts';
import { FIXTURE, NEVER_PUBLIC_MARK, fixtureContent, fixtureSiteEnv } from '../fixtures/content.ts';

/*
 * The portal built from the tests' own content (tests/fixtures/content.ts) publishes nothing the
 * public must never see: not the unpublished policy, not the unpublished interpretation of a
 * published one, not the newer unpublished edit of a published policy, in no file of the build.
 */

const suite = usePortal({ cms: { content: fixtureContent }, site: fixtureSiteEnv });

/** Every text file of the build (pages, feeds, open data, scripts); the search index is compressed and built from the pages. */
function builtTextFiles(): string[] {
  return readdirSync(suite.built().clientDir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && /\.(html|json|xml|csv|txt|js)$/.test(f.name))
    .map((f) => path.join(f.parentPath, f.name));
}

describe('what the public must never see', () => {
  it('is there to be seen by the CMS (the check below means something)', async () => {
    const draft = (uid: string, title: string) => suite.cms().strapi.documents(uid).findFirst({ status: 'draft', filters: { title } });
    expect(await draft('api::policy-item.policy-item', FIXTURE.draftPolicy)).toBeTruthy();
    expect(await draft('api::policy-item.policy-item', FIXTURE.pendingEdit)).toBeTruthy();
    expect(await draft('api::policy-interpretation.policy-interpretation', FIXTURE.draftInterpretation)).toBeTruthy();
  });

  it('is in no file of the build', () => {
    const files = builtTextFiles();
    expect(files.length).toBeGreaterThan(15);
    const leaking = files.filter((file) => readFileSync(file, 'utf8').includes(NEVER_PUBLIC_MARK));
    expect(leaking.map((file) => path.relative(suite.built().clientDir, file))).toEqual([]);
  });

  it('leaves the published text of a policy with a pending edit, and its published interpretations, on the portal', async () => {
    const { status, body } = await suite.fetchPage('/policies/');
    expect(status).toBe(200);
    expect(body).toContain(FIXTURE.editedPolicy);
    const interpretations = await suite.fetchPage('/interpretations/');
    const published = fixtureContent.interpretations.filter((i) => !i.draft).map((i) => i.title);
    expect(published).toHaveLength(FIXTURE.publishedInterpretations);
    for (const title of published) expect(interpretations.body).toContain(title);
  });
});

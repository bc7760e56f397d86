import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { ensureAdminBuild, logInToAdmin, startCmsWithAdmin, type RunningAdminCms } from '../helpers/cms-admin.ts';
import { reservePorts, startPublisher, type RunningPublisher } from '../helpers/publisher.ts';

/*
 * An editor's whole path, in the real admin panel in Chromium: log in, open a policy item, change
 * its title, publish; with no other action the public portal shows the new title.
 */

const credentials = { email: 'editor-in-chief@example.com', password: 'Editor-Chief-2026' };
const secret = 'browser-publish-secret';
const ORIGINAL = '敬仲镇2021年农田水利工程建设实施方案';
const EDITED = '敬仲镇2021年农田水利工程建设实施方案（修订）';

let cms: RunningAdminCms;
let publisher: RunningPublisher;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  await ensureAdminBuild();
  const ports = await reservePorts();
  cms = await startCmsWithAdmin({
    admin: credentials,
    demo: true,
    env: { PUBLISHER_WEBHOOK_URL: `http://127.0.0.1:${ports.control}/webhook`, PUBLISHER_SECRET: secret },
  });
  [publisher, browser] = await Promise.all([startPublisher({ cmsUrl: cms.url, secret, ports }), launchBrowser()]);
  await publisher.settled();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await publisher?.stop();
  await cms?.stop();
});

describe('an editor in the admin panel', () => {
  it('edits a policy title, publishes, and the portal changes', async () => {
    const page = await browser.context.newPage();
    await logInToAdmin(page, cms.url, credentials);

    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::policy-item.policy-item`);
    await page.getByRole('gridcell', { name: ORIGINAL }).click();
    const title = page.locator('input[name="title"]');
    await expect.poll(() => title.inputValue()).toBe(ORIGINAL);
    const documentId = new URL(page.url()).pathname.split('/').at(-1)!;
    const portalPage = `${publisher.portalUrl}/policies/${documentId}/`;
    expect(await (await fetch(portalPage)).text()).toContain(ORIGINAL);

    await title.fill(EDITED);
    const before = (await publisher.status()).lastBuild!.id;
    await page.getByRole('button', { name: /^(发布|Publish)$/ }).click();
    await page
      .getByText(/已发布|Published/)
      .first()
      .waitFor();
    const started = Date.now();
    await publisher.settled(before);
    await expect.poll(async () => (await (await fetch(portalPage)).text()).includes(EDITED), { timeout: 60_000 }).toBe(true);
    console.log(`admin publish → portal: ${Date.now() - started} ms after the publish was confirmed`);
    await page.close();
  });
});

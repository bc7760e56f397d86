import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ensureAdminBuild, logInToAdmin, startCmsWithAdmin, type RunningAdminCms } from '../helpers/cms-admin.ts';
import { reservePorts, startPublisher, type RunningPublisher } from '../helpers/publisher.ts';

/*
 * 保密审查 and "已上线" in the real admin panel in Chromium, with a real publisher: an editor of an
 * agency that requires review submits a policy item from its edit view; the reviewer approves it in
 * the 待审核 queue; the editor's edit view then shows 正在构建… and 已上线 with the portal address,
 * and that address serves the document.
 */

const POLICY = 'api::policy-item.policy-item';
const credentials = { email: 'review-chief@example.com', password: 'Review-Chief-2026' };
const editor = { email: 'review-editor@example.com', password: 'Review-Editor-2026', firstname: '小王', lastname: '编辑' };
const reviewer = { email: 'review-reviewer@example.com', password: 'Review-Reviewer-2026', firstname: '老李', lastname: '审核' };
const secret = 'browser-review-secret';
const TITLE = '审核镇2026年政务公开工作要点';

let cms: RunningAdminCms;
let publisher: RunningPublisher;
let editorBrowser: Awaited<ReturnType<typeof launchBrowser>>;
let reviewerBrowser: Awaited<ReturnType<typeof launchBrowser>>;
let chief: AdminClient;
let documentId: string;

async function invite(user: typeof editor, roleName: string): Promise<number> {
  const roles = (await chief.request('GET', '/admin/roles')).body.data as Array<{ id: number; name: string }>;
  const role = roles.find((r) => r.name === roleName)!;
  const invited = await chief.request('POST', '/admin/users', {
    firstname: user.firstname,
    lastname: user.lastname,
    email: user.email,
    roles: [role.id],
  });
  expect(invited.status).toBe(201);
  const registered = await fetch(`${cms.url}/admin/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      registrationToken: invited.body.data.registrationToken,
      userInfo: { firstname: user.firstname, lastname: user.lastname, password: user.password },
    }),
  });
  expect(registered.status).toBe(200);
  return invited.body.data.id as number;
}

async function logIn(page: Page, login: { email: string; password: string }): Promise<void> {
  await logInToAdmin(page, cms.url, login);
}

beforeAll(async () => {
  await ensureAdminBuild();
  const ports = await reservePorts();
  cms = await startCmsWithAdmin({
    admin: credentials,
    demo: true,
    env: {
      PUBLISHER_WEBHOOK_URL: `http://127.0.0.1:${ports.control}/webhook`,
      PUBLISHER_SECRET: secret,
      PUBLISHER_URL: `http://127.0.0.1:${ports.control}`,
      PORTAL_URL: `http://127.0.0.1:${ports.portal}`,
    },
  });
  chief = await adminClient(cms.url, credentials);
  const editorId = await invite(editor, '信息公开编辑');
  const reviewerId = await invite(reviewer, '审核人');
  // A township that requires review (the demo agencies publish directly), and a draft of it; the
  // editor and the reviewer are its 负责人员 (cms/src/scoping/).
  const agency = await chief.create('api::agency.agency', {
    name: '审核镇人民政府',
    slug: 'shenhe',
    kind: 'town',
    requireReview: true,
    editors: { connect: [{ id: editorId }, { id: reviewerId }] },
  });
  expect(agency.status).toBe(201);
  expect((await chief.publish('api::agency.agency', agency.body.data.documentId)).status).toBe(200);
  const draft = await chief.create(POLICY, {
    title: TITLE,
    indexNumber: 'SHENHE/2026-00001',
    publishDate: '2026-11-20',
    validity: 'valid',
    agency: agency.body.data.documentId,
  });
  expect(draft.status).toBe(201);
  documentId = draft.body.data.documentId;
  [publisher, editorBrowser, reviewerBrowser] = await Promise.all([
    startPublisher({ cmsUrl: cms.url, secret, ports }),
    launchBrowser(),
    launchBrowser(),
  ]);
  await publisher.settled();
}, 300_000);

afterAll(async () => {
  await editorBrowser?.close();
  await reviewerBrowser?.close();
  await publisher?.stop();
  await cms?.stop();
});

describe('review before publishing, in the admin panel', () => {
  it('the editor submits, the reviewer approves in the queue, the editor sees 已上线 with the live address', async () => {
    const editPage = `${cms.url}/admin/content-manager/collection-types/${POLICY}/${documentId}`;
    const page = await editorBrowser.context.newPage();
    await logIn(page, editor);
    await page.goto(editPage);
    const panel = page.locator('[data-review-panel]');
    await panel.waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.innerText(), { timeout: 30_000 }).toContain('要求发布前经审核人审核');
    // Strapi's 发布 is disabled for this editor (the server refuses it anyway: tests/cms/review-workflow.test.ts).
    expect(await page.getByRole('button', { name: '发布（须经审核）' }).isDisabled()).toBe(true);
    await panel.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => panel.innerText(), { timeout: 30_000 }).toContain('审核状态：待审核');
    expect(await panel.getByRole('button', { name: '已提交审核，等待审核' }).isDisabled()).toBe(true);

    const queue = await reviewerBrowser.context.newPage();
    await logIn(queue, reviewer);
    await queue.goto(`${cms.url}/admin/review-queue`);
    const item = queue.locator(`[data-review-item="${documentId}"]`);
    await item.waitFor({ timeout: 30_000 });
    expect(await item.innerText()).toContain(TITLE);
    expect(await item.innerText()).toContain('编辑小王');
    const before = (await publisher.status()).lastBuild!.id;
    await item.getByRole('button', { name: '通过并发布' }).click();
    const approved = Date.now();
    await queue.getByText(`「${TITLE}」已通过审核并发布`).waitFor({ timeout: 30_000 });
    await queue.getByText('没有待审核的文件。').waitFor();

    // The editor's edit view follows the build without leaving the admin.
    await page.reload();
    await panel.waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.innerText(), { timeout: 30_000 }).toContain('审核状态：已通过');
    const portalPage = `${publisher.portalUrl}/policies/${documentId}/`;
    await panel.locator('[data-live-state="live"]').waitFor({ timeout: 120_000 });
    expect(await panel.locator('[data-live-url]').innerText()).toBe(portalPage);
    console.log(`通过并发布 → 已上线 in the editor's edit view: ${Date.now() - approved} ms`);
    expect((await publisher.status()).lastSuccess!.id).not.toBe(before);
    expect(await (await fetch(portalPage)).text()).toContain(TITLE);
    await page.close();
    await queue.close();
  });
});

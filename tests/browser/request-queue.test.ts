import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ensureAdminBuild, logInToAdmin, startCmsWithAdmin, type RunningAdminCms } from '../helpers/cms-admin.ts';

/*
 * The staff's queue in the real admin (Chromium): a 依申请公开办理 official logs in, opens
 * “申请办理期限” from the menu and sees every open request of the demo (an overdue letter, one
 * received three days ago, one waiting for 补正) by working days left, the overdue one first and
 * in red; a letter entered through the content manager joins the queue. An 信息公开编辑 has no
 * such menu entry.
 */

const admin = { email: 'queue-admin@example.com', password: 'Test-Admin-12345' };
const handler = { email: 'queue-handler@example.com', password: 'Test-Handler-12345', firstname: '办理', lastname: '员' };
const editor = { email: 'queue-editor@example.com', password: 'Test-Editor-12345', firstname: '编辑', lastname: '员' };
const REQUEST = 'api::disclosure-request.disclosure-request';

let cms: RunningAdminCms;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

/** Makes a user one of every agency's 负责人员, as an administrator does in an agency's edit view (cms/src/scoping/). */
async function assignToEveryAgency(asAdmin: AdminClient, userId: number): Promise<void> {
  const base = '/content-manager/collection-types/api::agency.agency';
  const agencies = (await asAdmin.request('GET', `${base}?page=1&pageSize=100`)).body.results as Array<{ documentId: string }>;
  for (const { documentId } of agencies) {
    const assigned = await asAdmin.request('PUT', `${base}/${documentId}`, { editors: { connect: [{ id: userId }] } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  }
}

async function invite(person: typeof handler, roleName: string, asAdmin: Awaited<ReturnType<typeof adminClient>>) {
  const roles = (await asAdmin.request('GET', '/admin/roles')).body.data as Array<{ id: number; name: string }>;
  const invited = await asAdmin.request('POST', '/admin/users', {
    firstname: person.firstname,
    lastname: person.lastname,
    email: person.email,
    roles: [roles.find((r) => r.name === roleName)!.id],
  });
  await fetch(`${cms.url}/admin/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      registrationToken: invited.body.data.registrationToken,
      userInfo: { firstname: person.firstname, lastname: person.lastname, password: person.password },
    }),
  });
  await assignToEveryAgency(asAdmin, invited.body.data.id);
}

async function logIn(credentials: { email: string; password: string }): Promise<void> {
  await logInToAdmin(page, cms.url, credentials);
}

beforeAll(async () => {
  await ensureAdminBuild();
  [cms, browser] = await Promise.all([startCmsWithAdmin({ admin, demo: true }), launchBrowser()]);
  const asAdmin = await adminClient(cms.url, admin);
  await invite(handler, '依申请公开办理', asAdmin);
  await invite(editor, '信息公开编辑', asAdmin);
  page = await browser.context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe('申请办理期限', () => {
  it('lists every open request by working days left, overdue first and in red', async () => {
    await logIn(handler);
    await page.getByRole('link', { name: '申请办理期限' }).click();
    await page.locator('[data-request-row]').first().waitFor();
    const rows = page.locator('[data-request-row]');
    expect(await rows.count()).toBe(3);
    const first = rows.first();
    expect(await first.getAttribute('data-overdue')).toBe('true');
    expect(await first.innerText()).toMatch(/李某某（演示）[\s\S]*信函[\s\S]*已逾期 \d+ 个工作日/);
    const color = await first.getByText(/已逾期/).evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = color.match(/\d+/g)!.map(Number);
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(100);
    expect(b).toBeLessThan(100);
    expect(await rows.nth(1).innerText()).toMatch(/张某某（演示）[\s\S]*剩余 \d+ 个工作日/);
    expect(await rows.nth(2).innerText()).toMatch(/王某某（演示）[\s\S]*等待补正/);
    expect(await page.getByText(/未答复的申请 3 件，其中逾期 1 件/).count()).toBe(1);
    // In Chinese: no Latin words but the receipt numbers.
    expect((await page.locator('main').innerText()).replace(/YSQ(-[0-9A-Z]{4}){4}/g, '').match(/[A-Za-z]{2,}/g)).toBeNull();
    // The replied demo request is not in the queue.
    expect(await page.getByText('淄博某某农业有限公司（演示）').count()).toBe(0);
  });

  it('a walk-in entered through the content manager joins the queue', async () => {
    const asHandler = await adminClient(cms.url, handler);
    const agency = (await asHandler.request('GET', '/content-manager/collection-types/api::agency.agency?page=1&pageSize=10')).body
      .results[0].documentId;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const created = await asHandler.create(REQUEST, {
      channel: 'walkIn',
      applicantKind: 'naturalPerson',
      applicantName: '当面申请人（测试）',
      idType: 'residentId',
      idNumber: '11010519491231002X',
      phone: '0533-7000000',
      sought: '当面申请的信息',
      informationFormat: 'paper',
      deliveryMethod: 'collect',
      receivedAt: today,
      agency,
    });
    expect(created.status).toBe(201);
    await page.reload();
    await page.locator('[data-request-row]').first().waitFor();
    expect(await page.locator('[data-request-row]').count()).toBe(4);
    expect(await page.locator(`[data-request-row="${created.body.data.receiptNumber}"]`).innerText()).toMatch(
      /当面申请人（测试）[\s\S]*当面申请[\s\S]*剩余 20 个工作日/,
    );
    // Its edit view: the fields the CMS computes are read-only, labelled in Chinese.
    await page.locator(`[data-request-row="${created.body.data.receiptNumber}"] a`).click();
    await page.locator('input[name="applicantName"]').waitFor();
    expect(await page.locator('input[name="receiptNumber"]').isDisabled()).toBe(true);
    expect(
      await page
        .locator('label')
        .filter({ hasText: /^收到申请日期/ })
        .count(),
    ).toBe(1);
  });

  it('is not offered to an 信息公开编辑', async () => {
    await page.context().clearCookies();
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await logIn(editor);
    await page.locator('nav').first().waitFor();
    expect(await page.getByRole('link', { name: '申请办理期限' }).count()).toBe(0);
  });

  it('an 信息公开编辑 generates the draft of a year’s report from the menu', async () => {
    await page.getByRole('link', { name: '生成年报草稿' }).click();
    await page.getByRole('combobox').click();
    await page.getByRole('option', { name: '临淄区敬仲镇人民政府' }).click();
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4);
    await page.getByRole('textbox', { name: '年度', exact: true }).fill(year);
    await page.getByRole('button', { name: '生成年报草稿' }).click();
    await page.getByText('草稿已生成。').waitFor();
    expect((await page.locator('main').innerText()).match(/[A-Za-z]{2,}/g)).toBeNull();
    expect(await page.getByRole('status').filter({ hasText: '草稿已生成' }).innerText()).toMatch(
      new RegExp(`没有 ${Number(year) - 1} 年度的已发布报告`),
    );
    await page.getByRole('link', { name: '打开年报草稿' }).click();
    await page.waitForURL(/annual-report\.annual-report\/[a-z0-9]+/);
    const documentId = new URL(page.url()).pathname.split('/').at(-1)!;
    const asEditor = await adminClient(cms.url, editor);
    const draft = (await asEditor.request('GET', `/content-manager/collection-types/api::annual-report.annual-report/${documentId}`)).body
      .data;
    // The demo's replied request is a 商业企业's, answered 予以公开 this year.
    expect(draft).toMatchObject({ year: Number(year), requestTable: { disclosed: { commercial: 1 }, newRequests: { commercial: 1 } } });
    // A second time, the report exists: said in Chinese, nothing created.
    await page.goBack();
    await page.getByRole('combobox').click();
    await page.getByRole('option', { name: '临淄区敬仲镇人民政府' }).click();
    await page.getByRole('textbox', { name: '年度', exact: true }).fill(year);
    await page.getByRole('button', { name: '生成年报草稿' }).click();
    await page.getByText(/年度报告已经存在/).waitFor();
  });
});

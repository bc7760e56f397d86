import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ensureAdminBuild, logInToAdmin, startCmsWithAdmin, type RunningAdminCms } from '../helpers/cms-admin.ts';

/*
 * The admin as the officials see it, in Chromium: an 信息公开编辑 logs in for the first time and
 * walks the screens of a working day (list, edit, create, publish and unpublish dialogs, the
 * relation picker, the media library, preview, the profile, the report grid), an administrator
 * opens the audit log; on every screen the visible text, placeholders, aria-labels and titles hold
 * no English word but the few in ALLOWED. Screenshots of each screen go to a temporary folder
 * (printed at the end) to be looked at.
 */

const admin = { email: 'chinese-admin@example.com', password: 'Chinese-Admin-2026' };
const editor = { email: 'editor-wang@example.com', password: 'Editor-Wang-2026', firstname: '王', lastname: '编辑' };
const POLICY = 'api::policy-item.policy-item';
const REPORT = 'api::annual-report.annual-report';
const AUDIT = 'api::audit-entry.audit-entry';

/** Names a Chinese official reads as they are: products, formats, keys on the keyboard. */
const ALLOWED = new Set(['GraphQL', 'JSON', 'CSV', 'XLSX', 'PDF', 'Excel', 'URL', 'ID', 'Ctrl', 'Cmd', 'Shift', 'Enter', 'Esc', 'Alt']);

let cms: RunningAdminCms;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let asAdmin: AdminClient;
const shots = mkdtempSync(path.join(tmpdir(), 'admin-chinese-'));
const found: Record<string, string[]> = {};

/** What a person sees or hears on the page: visible text and the labels of visible elements. */
function uiText(p: Page): Promise<string> {
  return p.evaluate(() => {
    const parts: string[] = [document.body.innerText];
    for (const el of Array.from(document.querySelectorAll('[placeholder],[aria-label],[title],img[alt]'))) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if ((box.width === 0 && box.height === 0 && el.tagName !== 'SECTION') || style.visibility === 'hidden') continue;
      for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
        const value = el.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts.join('\n');
  });
}

/** Latin words of two letters or more, less e-mail addresses, file names and the allowed names. */
function englishWords(text: string): string[] {
  const stripped = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w\u4e00-\u9fff（）()-]+\.(pdf|docx?|xlsx?|csv|json|png|jpe?g|gif|svg|zip)\b/gi, ' ')
    // Document ids (“文档编号”, e.g. igic7qohnixhjfxh4ski7y6w) are identifiers, not words.
    .replace(/\b[a-z0-9]{24}\b/g, ' ');
  return [...new Set(stripped.match(/[A-Za-z]{2,}/g) ?? [])].filter((w) => !ALLOWED.has(w));
}

/** Records the screen's English words and a screenshot; the test then expects none. */
async function screen(name: string): Promise<string[]> {
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  const words = englishWords(await uiText(page));
  found[name] = words;
  return words;
}

async function logIn(credentials: { email: string; password: string }): Promise<void> {
  await logInToAdmin(page, cms.url, credentials);
}

/** A published policy item of the demo content. */
const PUBLISHED = '敬仲镇2021年农田水利工程建设实施方案';

async function openPublishedPolicy(): Promise<string> {
  await page.goto(`${cms.url}/admin/content-manager/collection-types/${POLICY}`);
  await page.getByRole('gridcell', { name: PUBLISHED }).click();
  await page.locator('input[name="title"]').waitFor();
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** Makes a user one of every agency's 负责人员, as an administrator does in an agency's edit view (cms/src/scoping/). */
async function assignToEveryAgency(asAdmin: AdminClient, userId: number): Promise<void> {
  const base = '/content-manager/collection-types/api::agency.agency';
  const agencies = (await asAdmin.request('GET', `${base}?page=1&pageSize=100`)).body.results as Array<{ documentId: string }>;
  for (const { documentId } of agencies) {
    const assigned = await asAdmin.request('PUT', `${base}/${documentId}`, { editors: { connect: [{ id: userId }] } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  }
}

beforeAll(async () => {
  await ensureAdminBuild();
  [cms, browser] = await Promise.all([
    startCmsWithAdmin({ admin, demo: true, env: { PREVIEW_SECRET: 'admin-chinese-preview', PORTAL_URL: 'http://127.0.0.1:9' } }),
    launchBrowser(),
  ]);
  asAdmin = await adminClient(cms.url, admin);
  // A new editor, as the administrator invites one: the account has never logged in.
  const roles = (await asAdmin.request('GET', '/admin/roles')).body.data as Array<{ id: number; name: string }>;
  const role = roles.find((r) => r.name === '信息公开编辑')!;
  const invited = await asAdmin.request('POST', '/admin/users', {
    firstname: editor.firstname,
    lastname: editor.lastname,
    email: editor.email,
    roles: [role.id],
  });
  expect(invited.status).toBe(201);
  const registered = await fetch(`${cms.url}/admin/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      registrationToken: invited.body.data.registrationToken,
      userInfo: { firstname: editor.firstname, lastname: editor.lastname, password: editor.password },
    }),
  });
  expect(registered.status).toBe(200);
  await assignToEveryAgency(asAdmin, invited.body.data.id);
  page = await browser.context.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
  console.log(`admin-chinese: screenshots in ${shots}`);
  console.log('admin-chinese: English words per screen:', found);
});

describe('管理后台全部为中文（信息公开编辑首次登录）', () => {
  it('home, after the first login: Chinese, no media library banner', async () => {
    await logIn(editor);
    await page.locator('nav').first().waitFor();
    expect(await page.getByText(/Media Library|媒体库横幅|新版媒体库/).count()).toBe(0);
    expect(await screen('01-home')).toEqual([]);
  });

  it('list view', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${POLICY}`);
    await page.getByRole('gridcell').first().waitFor();
    expect(await screen('02-list')).toEqual([]);
  });

  it('edit view, with the relation picker open', async () => {
    await openPublishedPolicy();
    expect(await screen('03-edit')).toEqual([]);
    await page.getByRole('combobox', { name: /发布机构/ }).click();
    await page.getByRole('option').first().waitFor();
    expect(await screen('04-relation-picker')).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('unpublish dialog (a published item with a changed draft)', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${POLICY}`);
    await page.getByRole('gridcell').filter({ hasText: '敬仲镇社会救助工作实施细则' }).first().click();
    await page.locator('input[name="title"]').waitFor();
    await page.getByRole('button', { name: '更多文档操作' }).click();
    await page.getByRole('menuitem', { name: /取消发布/ }).click();
    await page.getByRole('dialog').or(page.getByRole('alertdialog')).first().waitFor();
    expect(await screen('05-unpublish-dialog')).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('preview', async () => {
    await openPublishedPolicy();
    await page
      .getByRole('link', { name: '打开预览' })
      .or(page.getByRole('button', { name: '打开预览' }))
      .first()
      .click();
    await page.waitForURL((url) => url.pathname.includes('/preview'));
    expect(await screen('06-preview')).toEqual([]);
    await page.goBack();
  });

  it('create view, a refused publish with its validation messages, and a saved draft with its notification', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${POLICY}/create`);
    await page.locator('input[name="title"]').waitFor();
    expect(await screen('07-create')).toEqual([]);
    // 索引号 allows 60 characters; publishing also asks for the required fields.
    await page.locator('input[name="indexNumber"]').fill('1'.repeat(61));
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page
      .getByText(/必填|填写错误|太长/)
      .first()
      .waitFor();
    expect(await screen('08-validation')).toEqual([]);
    await page.locator('input[name="title"]').fill('中文界面测试草稿');
    // An editor's document belongs to one of their agencies (cms/src/scoping/).
    await page.getByRole('combobox', { name: /发布机构/ }).click();
    await page
      .getByRole('option', { name: /临淄区敬仲镇人民政府/ })
      .first()
      .click();
    await page.locator('input[name="indexNumber"]').fill('11370305004326206C/2026-09001');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 });
    await page.getByText('已保存').first().waitFor();
    expect(await screen('09-saved')).toEqual([]);
  });

  it('publish dialog (list view, several entries)', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${POLICY}`);
    await page.getByRole('gridcell').first().waitFor();
    await page.getByRole('checkbox').nth(1).check();
    await page.getByRole('checkbox').nth(2).check();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByRole('dialog').or(page.getByRole('alertdialog')).first().waitFor();
    expect(await screen('10-publish-dialog')).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('media library, and the asset dialog of an edit view', async () => {
    await page.goto(`${cms.url}/admin/plugins/upload`);
    await page.getByRole('heading').first().waitFor();
    expect(await screen('11-media-library')).toEqual([]);
    await openPublishedPolicy();
    await page
      .getByText(/点击添加素材|添加素材|点击以添加/)
      .first()
      .click();
    await page.getByRole('dialog').first().waitFor();
    expect(await screen('12-asset-dialog')).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('the report grid', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${REPORT}/create`);
    await page.locator('input[name="year"]').fill('2021');
    await page.locator('[data-report-grid="requestTable"] table').waitFor();
    expect(await screen('13-report-grid')).toEqual([]);
  });

  it('profile page', async () => {
    await page.goto(`${cms.url}/admin/me`);
    await page.locator('input[name="email"]').waitFor();
    expect(await screen('14-profile')).toEqual([]);
  });

  it('audit log list, as an administrator', async () => {
    await page.context().clearCookies();
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage)) if (key !== 'strapi-admin-language') localStorage.removeItem(key);
      sessionStorage.clear();
    });
    await logIn(admin);
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${AUDIT}`);
    await page.getByRole('gridcell').first().waitFor();
    expect(await screen('15-audit-log')).toEqual([]);
  });
});

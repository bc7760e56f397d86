import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { chinaToday } from '@portal/shared';
import { launchBrowser } from '../helpers/browser.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { reservePorts, startPublisher, type RunningPublisher } from '../helpers/publisher.ts';

/*
 * 依申请公开 as an applicant meets it, in Chromium with JavaScript switched off: from the guide's
 * 网上申请 link to the form, a mistake shown under its field, the receipt number, and the status
 * page opened with it, through the publisher and the release's renderer to a real CMS. Then: the
 * applicants' personal data is nowhere in the built portal, its server bundle or its search index.
 */

const SECRET = 'apply-secret-for-browser-tests';
const REQUEST = 'api::disclosure-request.disclosure-request';
// Written before the portal is built, so a leak into the build would carry them.
const earlier = {
  name: '泄露检查申请人',
  idNumber: '110101199003074477',
  phone: '13700001111',
  email: 'leak-check@example.com',
  sought: '泄露检查专用的所需信息描述',
};

let cms: RunningCms;
let publisher: RunningPublisher;
let browser: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  const ports = await reservePorts();
  Object.assign(process.env, { APPLY_SECRET: SECRET, PORTAL_URL: `http://127.0.0.1:${ports.portal}` });
  cms = await startCms();
  const submitted = await fetch(`${cms.url}/api/disclosure-requests/submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-apply-secret': SECRET, 'x-applicant-ip': '192.0.2.1' },
    body: JSON.stringify({
      agency: 'jingzhong',
      website: '',
      applicantKind: 'naturalPerson',
      applicantName: earlier.name,
      idType: 'residentId',
      idNumber: earlier.idNumber,
      phone: earlier.phone,
      email: earlier.email,
      sought: earlier.sought,
      informationFormat: 'electronic',
      deliveryMethod: 'email',
    }),
  });
  if (submitted.status !== 201) throw new Error(`预置申请失败：${submitted.status} ${await submitted.text()}`);
  publisher = await startPublisher({ cmsUrl: cms.url, secret: 'x', ports, env: { APPLY_SECRET: SECRET } });
  await publisher.settled();
  browser = await launchBrowser({ javaScript: false });
});

afterAll(async () => {
  await browser?.close();
  await publisher?.stop();
  await cms?.stop();
  delete process.env.APPLY_SECRET;
  delete process.env.PORTAL_URL;
});

describe('an applicant, without JavaScript', () => {
  let receipt: string;

  it('finds the form from the guide, is told what is wrong, and gets a receipt number', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${publisher.portalUrl}/agencies/jingzhong/guide/`);
    await page.getByRole('link', { name: '在线提交政府信息公开申请' }).click();
    expect(new URL(page.url()).pathname).toBe('/apply/');
    expect(await page.locator('#agency').inputValue()).toBe('jingzhong');

    await page.getByLabel('自然人（公民个人）').check();
    await page.getByLabel('姓名（个人）或名称（组织）').fill('浏览器测试申请人');
    await page.locator('#idType').selectOption('residentId');
    await page.getByLabel('证件号码').fill('110105194912310021');
    await page.getByLabel('电子邮箱').fill('browser-applicant@example.com');
    await page.getByLabel('政府信息的名称、文号或者便于查询的其他特征性描述').fill('敬仲镇2025年村级公益事业建设一事一议财政奖补项目清单');
    await page.getByLabel('电子文件').check();
    await page.getByLabel('电子邮件', { exact: true }).check();
    let response = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '提交申请' }).click()]).then(([r]) => r);
    expect(response?.status()).toBe(400);
    await expect.poll(() => page.locator('.error-summary').innerText()).toMatch(/申请未提交，请修改以下 1 处[\s\S]*校验位不符/);
    expect(await page.locator('#idNumber').getAttribute('aria-invalid')).toBe('true');
    // What was typed is kept.
    expect(await page.getByLabel('姓名（个人）或名称（组织）').inputValue()).toBe('浏览器测试申请人');

    await page.getByLabel('证件号码').fill('11010519491231002x');
    response = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '提交申请' }).click()]).then(([r]) => r);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('no-store');
    await expect.poll(() => page.locator('h1').innerText()).toBe('申请已提交');
    receipt = (await page.locator('#receipt-number').innerText()).trim();
    expect(receipt).toMatch(/^YSQ(-[0-9A-Z]{4}){4}$/);
    const stored = await cms.strapi.db.query(REQUEST).findOne({ where: { receiptNumber: receipt } });
    expect(stored).toMatchObject({
      applicantName: '浏览器测试申请人',
      idNumber: '11010519491231002X',
      channel: 'online',
      receivedAt: chinaToday(),
    });

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '查看办理进度' }).click()]);
    expect(await page.locator('#request-state').innerText()).toBe('办理中');
    const text = await page.locator('main').innerText();
    expect(text).toContain('临淄区敬仲镇人民政府');
    expect(text).not.toContain('浏览器测试申请人');
    await page.close();
  });

  it('opens the status page with the number typed any way; a forged one is not found', async () => {
    const documentId = (await cms.strapi.db.query(REQUEST).findOne({ where: { receiptNumber: receipt } })).documentId;
    await cms.strapi.documents(REQUEST).update({ documentId, data: { amendmentNoticeAt: chinaToday() } });
    const page = await browser.context.newPage();
    await page.goto(`${publisher.portalUrl}/apply/status/`);
    await page.getByRole('textbox', { name: '回执号' }).fill(receipt.toLowerCase().replace(/-/g, ' '));
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '查询' }).click()]);
    expect(await page.locator('#request-state').innerText()).toBe('等待补正');
    expect(await page.locator('main').innerText()).toMatch(/补正通知日期/);

    await page.getByRole('textbox', { name: '回执号' }).fill('YSQ-0000-0000-0000-0000');
    const response = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '查询' }).click()]).then(([r]) => r);
    expect(response?.status()).toBe(200);
    expect(await page.locator('.error-summary').innerText()).toMatch(/未找到回执号为 YSQ-0000-0000-0000-0000 的申请/);
    await page.close();
  });
});

describe('accessible', () => {
  it('the form, the form with its errors and the status page pass axe-core', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const withScript = await launchBrowser();
    try {
      const tab = await withScript.context.newPage();
      const violations = async () => {
        await tab.addScriptTag({ content: axeSource });
        return tab.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: { run: (d: Document) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> };
            }
          ).axe;
          return (await axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        });
      };
      await tab.goto(`${publisher.portalUrl}/apply/`);
      expect(await violations(), '申请表').toEqual([]);
      await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: '提交申请' }).click()]);
      expect(await tab.locator('.field-error').count()).toBeGreaterThan(3);
      expect(await violations(), '有错误的申请表').toEqual([]);
      await tab.goto(`${publisher.portalUrl}/apply/status/`);
      expect(await violations(), '进度查询').toEqual([]);
    } finally {
      await withScript.close();
    }
  });
});

describe('hostile posts to the form', () => {
  const form = (fields: Record<string, string>) =>
    new URLSearchParams({
      agency: 'jingzhong',
      website: '',
      applicantKind: 'naturalPerson',
      applicantName: '恶意测试',
      idType: 'residentId',
      idNumber: '11010519491231002X',
      phone: '13800000000',
      sought: '测试',
      informationFormat: 'paper',
      deliveryMethod: 'collect',
      ...fields,
    });
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${publisher.portalUrl}/apply/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: publisher.portalUrl, ...headers },
      body,
    });

  it('refuses another site’s form, an oversized body and a filled honeypot, storing nothing', async () => {
    const before = await cms.strapi.db.query(REQUEST).count({});
    const foreign = await post(form({}), { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('申请只能从本网站的申请页面提交');
    const huge = await post(form({ sought: '字'.repeat(40_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('表单最多 64 KB');
    const trapped = await post(form({ website: 'http://spam.example' }));
    expect(trapped.status).toBe(400);
    expect(await trapped.text()).toContain('应当留空');
    const scripted = await post(form({ applicantName: '<img src=x onerror=alert(1)>' }));
    expect(scripted.status).toBe(400);
    const html = await scripted.text();
    expect(html).toContain('不能包含 HTML 标记或脚本');
    // Given back only as an attribute value, escaped: no element comes of it.
    expect(html.replace(/value="[^"]*"/g, '')).not.toContain('<img');
    expect(await cms.strapi.db.query(REQUEST).count({})).toBe(before);
  });
});

describe('personal data stays in the CMS', () => {
  it('is nowhere in the release: pages, server bundle, data store or Pagefind index', () => {
    const release = path.join(publisher.dir, 'current');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(release);
    expect(files.some((f) => f.includes(`${path.sep}pagefind${path.sep}`))).toBe(true);
    const needles = [
      earlier.name,
      earlier.idNumber,
      earlier.phone,
      earlier.email,
      earlier.sought,
      '张某某（演示）',
      '11010519491231002X',
      '13912340000',
    ];
    for (const file of files) {
      let bytes = readFileSync(file);
      // Pagefind's index and fragments are gzip'd.
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      const text = bytes.toString('utf8');
      for (const needle of needles) expect(text.includes(needle), `${needle} in ${path.relative(release, file)}`).toBe(false);
    }
  });
});

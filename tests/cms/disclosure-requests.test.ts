import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, buildCalendar, chinaToday, computeDeadline, emptyCalendar } from '@portal/shared';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';

/*
 * 依申请公开 in a real Strapi: the portal's submit and status routes (as the /apply/ pages call
 * them), the request kept private on every path, and the staff's workflow with its deadlines.
 */

const REQUEST = 'api::disclosure-request.disclosure-request';
const CALENDAR = 'api::holiday-calendar.holiday-calendar';
const SECRET = 'test-apply-secret-0123456789';
const admin = { email: 'chief@example.com', password: 'Test-Admin-12345' };
const handlerLogin = { email: 'handler@example.com', password: 'Test-Handler-12345' };
const editorLogin = { email: 'editor@example.com', password: 'Test-Editor-12345' };

const application = {
  agency: 'jingzhong',
  website: '',
  applicantKind: 'naturalPerson',
  applicantName: '测试申请人甲',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13912345678',
  email: 'applicant-a@example.com',
  address: '临淄区测试路 8 号',
  sought: '敬仲镇2025年度道路硬化工程的招标文件',
  purpose: '',
  informationFormat: 'electronic',
  deliveryMethod: 'email',
};

let cms: RunningCms;
let handler: AdminClient;
let editor: AdminClient;
let agency: string;

async function createUser(login: { email: string; password: string }, roleCode: string, firstname: string) {
  const strapi = cms.strapi as any;
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  await strapi
    .service('admin::user')
    .create({ ...login, firstname, lastname: '测试', isActive: true, registrationToken: null, roles: [role.id] });
}

let ipSerial = 0;
/** Each test applies from its own address unless it says otherwise, so the limit counts only what it means to. */
const freshIp = () => `198.51.100.${++ipSerial}`;

async function submit(body: unknown, { secret = SECRET, ip = freshIp() }: { secret?: string; ip?: string } = {}) {
  const response = await fetch(`${cms.url}/api/disclosure-requests/submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-apply-secret': secret, 'x-applicant-ip': ip },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function status(receipt: string, { secret = SECRET, ip = freshIp() }: { secret?: string; ip?: string } = {}) {
  const response = await fetch(`${cms.url}/api/disclosure-requests/status?receipt=${encodeURIComponent(receipt)}`, {
    headers: { 'x-apply-secret': secret, 'x-applicant-ip': ip },
  });
  return { status: response.status, body: (await response.json()) as any };
}

const count = () => cms.strapi.db.query(REQUEST).count({}) as Promise<number>;
const calendar = async () => buildCalendar(await cms.strapi.db.query(CALENDAR).findMany({}));

beforeAll(async () => {
  process.env.APPLY_SECRET = SECRET;
  process.env.APPLY_RATE_LIMIT = '4';
  cms = await startCms({ admin });
  await createUser(handlerLogin, 'request-handler', '办理员');
  await createUser(editorLogin, 'disclosure-editor', '编辑');
  [handler, editor] = await Promise.all([adminClient(cms.url, handlerLogin), adminClient(cms.url, editorLogin)]);
  agency = (await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: 'jingzhong' } })).documentId;
});

afterAll(async () => {
  delete process.env.APPLY_SECRET;
  delete process.env.APPLY_RATE_LIMIT;
  await cms?.stop();
});

describe('an online application', () => {
  let receipt: string;

  it('is stored with a random receipt number, received today, due 20 working days later', async () => {
    const before = await count();
    const { status: code, body } = await submit(application);
    expect(code).toBe(201);
    receipt = body.data.receiptNumber;
    expect(receipt).toMatch(/^YSQ(-[0-9A-Z]{4}){4}$/);
    expect(body.data).toMatchObject({
      agencyName: '临淄区敬仲镇人民政府',
      receivedAt: chinaToday(),
      dueDate: addWorkingDays(chinaToday(), 20, await calendar()),
    });
    expect(await count()).toBe(before + 1);
    const stored = await cms.strapi.db.query(REQUEST).findOne({ where: { receiptNumber: receipt }, populate: ['agency'] });
    expect(stored).toMatchObject({
      channel: 'online',
      applicantName: '测试申请人甲',
      clockState: 'running',
      agency: { documentId: agency },
    });
    // Two applications never share or continue a number.
    const second = await submit({ ...application, applicantName: '测试申请人乙' });
    expect(second.body.data.receiptNumber).not.toBe(receipt);
  });

  it('is followed with its receipt number, however typed: state and dates, nothing personal', async () => {
    const { status: code, body } = await status(receipt.toLowerCase().replace(/-/g, ' '));
    expect(code).toBe(200);
    expect(body.data).toMatchObject({ receiptNumber: receipt, state: 'running', stateLabel: '办理中', receivedAt: chinaToday() });
    const text = JSON.stringify(body);
    for (const personal of [
      application.applicantName,
      application.idNumber,
      application.phone,
      application.email,
      application.address,
      application.sought,
    ])
      expect(text).not.toContain(personal);
  });

  it('a forged or malformed receipt number gets a Chinese answer and reveals nothing', async () => {
    const forged = await status('YSQ-0000-0000-0000-0000');
    expect(forged.status).toBe(404);
    expect(forged.body.error.message).toMatch(/未找到回执号为 YSQ-0000-0000-0000-0000 的申请/);
    const malformed = await status("1' OR '1'='1");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/回执号格式不正确/);
  });

  it('only the portal may call: without the secret, 403 and nothing stored', async () => {
    const before = await count();
    expect((await submit(application, { secret: '' })).status).toBe(403);
    expect((await submit(application, { secret: 'wrong-secret-of-same-size!!' })).status).toBe(403);
    expect((await status(receipt, { secret: 'x' })).status).toBe(403);
    expect(await count()).toBe(before);
  });
});

describe('hostile applications', () => {
  it('are refused field by field in Chinese, storing nothing', async () => {
    const before = await count();
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ idNumber: '110105194912310021' }, 'idNumber', /校验位不符/],
      [{ idNumber: '12345' }, 'idNumber', /应为 18 位/],
      [{ applicantName: '<script>alert(1)</script>' }, 'applicantName', /不能包含 HTML 标记或脚本/],
      [{ sought: '字'.repeat(2001) }, 'sought', /最多 2000 个字/],
      [{ applicantKind: 'robot' }, 'applicantKind', /请选择申请人类型/],
      [{ email: '' }, 'email', /请填写电子邮箱/],
      [{ applicantName: ['数组'] }, 'applicantName', /应为文字/],
      [{ agency: 'no-such-agency' }, 'agency', /受理申请的机关/],
    ];
    for (const [change, field, message] of cases) {
      const { status: code, body } = await submit({ ...application, ...change });
      expect(code, field).toBe(400);
      expect(body.error.problems.find((p: { field: string }) => p.field === field)?.message, field).toMatch(message);
    }
    expect(await count()).toBe(before);
  });

  it('a filled honeypot is refused, and so is a body that is not an object', async () => {
    const before = await count();
    const trapped = await submit({ ...application, website: 'http://spam.example' });
    expect(trapped.status).toBe(400);
    expect(trapped.body.error.message).toMatch(/应当留空/);
    expect((await submit({ ...application, website: undefined })).status).toBe(400);
    expect((await submit([application])).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('a flood from one address is stopped with 429 in Chinese; another address still gets through', async () => {
    const ip = '203.0.113.77';
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await submit({ ...application, applicantName: `洪水${i}` }, { ip })).status);
    expect(codes.slice(0, 4)).toEqual([201, 201, 201, 201]);
    const refused = await submit(application, { ip });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/提交申请过于频繁：同一网络地址每 60 分钟最多 4 次/);
    expect(await cms.strapi.db.query(REQUEST).count({ where: { applicantName: { $startsWith: '洪水' } } })).toBe(4);
    expect((await submit(application, { ip: '203.0.113.78' })).status).toBe(201);
  });
});

describe('private everywhere', () => {
  it('no REST route, for the public or a read-only API token', async () => {
    const token = (
      await (cms.strapi as any).service('admin::api-token').create({ name: 'reader', type: 'read-only', lifespan: null, description: '' })
    ).accessKey;
    for (const path of ['/api/disclosure-requests', '/api/holiday-calendars']) {
      expect((await fetch(`${cms.url}${path}`)).status).toBe(404);
      expect((await fetch(`${cms.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    }
    const full = await graphql(cms.url, '{ disclosureRequests { applicantName } }', {}, { authorization: `Bearer ${token}` });
    expect(full.data).toBeUndefined();
    expect(full.errors?.[0]?.message).toMatch(/disclosureRequests/);
    const anonymous = await graphql(cms.url, '{ holidayCalendars { year } disclosureRequests_connection { nodes { idNumber } } }');
    expect(anonymous.data).toBeUndefined();
  });

  it('only the 依申请公开办理 role reads requests in the admin, not the 信息公开编辑', async () => {
    const list = `/content-manager/collection-types/${REQUEST}?page=1&pageSize=100`;
    expect((await editor.request('GET', list)).status).toBe(403);
    expect((await editor.request('GET', `/content-manager/collection-types/${CALENDAR}`)).status).toBe(403);
    const seen = await handler.request('GET', list);
    expect(seen.status).toBe(200);
    expect(seen.body.results.map((r: { applicantName: string }) => r.applicantName)).toContain('测试申请人甲');
  });
});

describe('the staff workflow', () => {
  const letter = {
    channel: 'letter',
    applicantKind: 'legalService',
    applicantName: '测试律师事务所',
    idType: 'creditCode',
    idNumber: '91350100M000100Y43',
    contactPerson: '钱律师',
    address: '临淄区测试大道 1 号',
    sought: '2025年本镇征地补偿标准文件',
    informationFormat: 'paper',
    deliveryMethod: 'post',
  };
  const base = `/content-manager/collection-types/${REQUEST}`;
  let id: string;
  let receipt: string;

  it('a letter entered by staff, received on the day it was signed for', async () => {
    const missing = await handler.create(REQUEST, { ...letter, idNumber: '91350100M000100Y44', receivedAt: '2026-03-02', agency });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors[0]).toMatchObject({ path: ['idNumber'], message: expect.stringMatching(/校验位不符/) });
    const created = await handler.create(REQUEST, { ...letter, receivedAt: '2026-03-02', agency });
    expect(created.status).toBe(201);
    id = created.body.data.documentId;
    receipt = created.body.data.receiptNumber;
    expect(receipt).toMatch(/^YSQ-/);
    const due = computeDeadline({ receivedAt: '2026-03-02' }, chinaToday(), await calendar()).dueDate;
    expect(created.body.data).toMatchObject({ clockState: 'running', dueDate: due });
  });

  it('补正 stops the clock and restarts it; 征求意见 excludes its days; one extension; the reply with its table 三 row', async () => {
    const cal = await calendar();
    let r = await handler.update(REQUEST, id, { amendmentNoticeAt: '2026-03-05' });
    expect(r.body.data).toMatchObject({ clockState: 'awaitingAmendment', dueDate: null });
    r = await handler.update(REQUEST, id, { amendmentReceivedAt: '2026-03-20' });
    expect(r.body.data).toMatchObject({ clockState: 'running', dueDate: addWorkingDays('2026-03-20', 20, cal) });
    r = await handler.update(REQUEST, id, { consultationSentAt: '2026-03-23' });
    expect(r.body.data).toMatchObject({ clockState: 'consulting', dueDate: null });
    r = await handler.update(REQUEST, id, { consultationAnsweredAt: '2026-03-27' });
    // 3-24…3-27 (4 working days) are not counted.
    expect(r.body.data.dueDate).toBe(addWorkingDays('2026-03-20', 24, cal));
    const late = await handler.update(REQUEST, id, { extendedAt: '2026-06-30' });
    expect(late.status).toBe(400);
    expect(late.body.error.details.errors[0].message).toMatch(/延期须在期限届满前告知申请人/);
    r = await handler.update(REQUEST, id, { extendedAt: '2026-04-01' });
    expect(r.body.data.dueDate).toBe(addWorkingDays('2026-03-20', 44, cal));
    const noOutcome = await handler.update(REQUEST, id, { repliedAt: '2026-04-10' });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.error.details.errors[0]).toMatchObject({ path: ['outcome'], message: expect.stringMatching(/请选择办理结果/) });
    r = await handler.update(REQUEST, id, { repliedAt: '2026-04-10', outcome: 'withheldThirdParty', feeAmount: 0 });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ clockState: 'replied', outcome: 'withheldThirdParty' });
    const followed = await status(receipt);
    expect(followed.body.data).toMatchObject({
      state: 'replied',
      stateLabel: '已答复',
      repliedAt: '2026-04-10',
      extendedAt: '2026-04-01',
      amendmentReceivedAt: '2026-03-20',
    });
  });

  it('the receipt number cannot be edited', async () => {
    const r = await handler.update(REQUEST, id, { receiptNumber: 'YSQ-AAAA-AAAA-AAAA-AAAA' });
    expect(r.body.data.receiptNumber).toBe(receipt);
    expect((await handler.request('GET', `${base}/${id}`)).body.data.receiptNumber).toBe(receipt);
  });

  it('a holiday staff add moves the deadlines of open requests; a mistyped calendar is refused', async () => {
    const created = await handler.create(REQUEST, { ...letter, applicantName: '测试律师事务所二', receivedAt: '2027-03-01', agency });
    expect(created.body.data.dueDate).toBe(addWorkingDays('2027-03-01', 20, emptyCalendar));
    const bad = await handler.create(CALENDAR, { year: 2027, holidays: '2027-02-30 春节' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0]).toMatchObject({ path: ['holidays'], message: expect.stringMatching(/放假日期第 1 行/) });
    const added = await handler.create(CALENDAR, {
      year: 2027,
      holidays: '2027-03-03 至 2027-03-04 测试假日',
      workdays: '2027-03-06 测试调休',
    });
    expect(added.status).toBe(201);
    const row = await cms.strapi.db.query(REQUEST).findOne({ where: { documentId: created.body.data.documentId } });
    // Two weekdays off, one Saturday worked: one working day later.
    expect(row.dueDate).toBe(addWorkingDays(addWorkingDays('2027-03-01', 20, emptyCalendar), 1, emptyCalendar));
  });
});

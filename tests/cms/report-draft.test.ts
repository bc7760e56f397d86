import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, requestOutcomeKeys } from '@portal/shared';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { FIXTURE, fixtureContent } from '../fixtures/content.ts';
import { assignAgencies } from '../../cms/src/scoping/agency-scope.ts';

/*
 * “生成年报草稿” in a real Strapi: a year of requests and policy items for the fixtures' 测试区教育局
 * (whose 2021 report is published in tests/fixtures), the draft of its 2022 report generated through
 * the admin route, and every generated cell of table 三 and of table 二's first block checked
 * against counts made here, independently, from the records.
 */

const REQUEST = 'api::disclosure-request.disclosure-request';
const POLICY = 'api::policy-item.policy-item';
const REPORT = 'api::annual-report.annual-report';
const YEAR = 2022;
const admin = { email: 'draft-admin@example.com', password: 'Test-Admin-12345' };
const editorLogin = { email: 'draft-editor@example.com', password: 'Test-Editor-12345' };
const maintainerLogin = { email: 'draft-guide@example.com', password: 'Test-Guide-12345' };
const KINDS = ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg'];

let cms: RunningCms;
let editor: AdminClient;
let maintainer: AdminClient;
let agency: string;
type Made = { applicantKind: string; receivedAt: string; repliedAt: string | null; outcome: string | null };
const made: Made[] = [];
type Policy = {
  documentClass: string | null;
  writtenDate: string | null;
  publishDate: string;
  validity: string;
  invalidDate: string | null;
  published: boolean;
};
const policies: Policy[] = [];

// A small deterministic generator, so a failure can be reproduced.
let seed = 20221231;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

async function createUser(login: { email: string; password: string }, roleCode: string) {
  const strapi = cms.strapi as any;
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  const user = await strapi
    .service('admin::user')
    .create({ ...login, firstname: '测试', lastname: '用户', isActive: true, registrationToken: null, roles: [role.id] });
  // Works for every agency of the content loaded (cms/src/scoping/).
  await assignAgencies(strapi, user.id);
}

beforeAll(async () => {
  cms = await startCms({ admin, content: fixtureContent });
  await createUser(editorLogin, 'disclosure-editor');
  await createUser(maintainerLogin, 'guide-maintainer');
  agency = (await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: FIXTURE.reports['2021'].agency } })).documentId;

  // 80 requests received from October 2021 to January 2023, some replied (in the same year or the next), some not.
  for (let i = 0; i < 80; i++) {
    const receivedAt = addCalendarDays('2021-10-01', Math.floor(random() * 480));
    const replied = random() < 0.8;
    const repliedAt = replied ? addCalendarDays(receivedAt, 1 + Math.floor(random() * 40)) : null;
    const request: Made = { applicantKind: pick(KINDS), receivedAt, repliedAt, outcome: replied ? pick(requestOutcomeKeys) : null };
    const organisation = request.applicantKind !== 'naturalPerson';
    await cms.strapi.documents(REQUEST).create({
      data: {
        ...request,
        agency,
        channel: pick(['online', 'letter', 'walkIn']),
        applicantName: `年报测试申请人${i}`,
        idType: organisation ? 'creditCode' : 'residentId',
        idNumber: organisation ? '91350100M000100Y43' : '11010519491231002X',
        contactPerson: organisation ? '联系人' : '',
        phone: '0533-7000000',
        sought: `第 ${i} 件申请的信息`,
        informationFormat: 'paper',
        deliveryMethod: 'collect',
      },
    });
    made.push(request);
  }
  // Requests of another agency must not count.
  const other = (await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: FIXTURE.guideAgency } })).documentId;
  await cms.strapi.documents(REQUEST).create({
    data: {
      agency: other,
      applicantKind: 'naturalPerson',
      applicantName: '别的机关',
      idType: 'residentId',
      idNumber: '11010519491231002X',
      phone: '0533-7000000',
      sought: '别处',
      informationFormat: 'paper',
      deliveryMethod: 'collect',
      receivedAt: '2022-05-05',
    },
  });

  // 40 policy items of the agency: some 规范性文件 or 规章, some repealed, a few left unpublished.
  for (let i = 0; i < 40; i++) {
    const writtenDate = random() < 0.9 ? addCalendarDays('2020-06-01', Math.floor(random() * 1000)) : null;
    const publishDate = addCalendarDays(writtenDate ?? '2021-03-01', Math.floor(random() * 20));
    // 废止/失效 carry their date, as the metadata rules require (cms/src/validation/policy-item.ts).
    const validity = pick(['valid', 'valid', 'valid', 'repealed', 'expired']);
    const invalidDate = validity === 'valid' ? null : addCalendarDays(publishDate, 30 + Math.floor(random() * 500));
    const policy: Policy = {
      documentClass: pick(['normativeDocument', 'normativeDocument', 'regulation', null]),
      writtenDate,
      publishDate,
      validity,
      invalidDate,
      published: random() < 0.9,
    };
    await cms.strapi.documents(POLICY).create({
      data: {
        title: `年报测试文件${i}`,
        agency,
        writtenDate,
        publishDate,
        validity,
        invalidDate,
        documentClass: policy.documentClass,
        topic: '综合政务\\其他',
      },
      ...(policy.published ? { status: 'published' } : {}),
    });
    policies.push(policy);
  }
  // Logged in last: a connection left idle while the records were written may be closed by the server.
  [editor, maintainer] = await Promise.all([adminClient(cms.url, editorLogin), adminClient(cms.url, maintainerLogin)]);
}, 300_000);

afterAll(async () => {
  await cms?.stop();
});

const generate = (client: AdminClient, body: unknown) => client.request('POST', '/annual-report-drafts', body);

/** The one generated draft: made by whichever test asks first, so any may run alone or in any order. */
let generated: ReturnType<typeof generate> | undefined;
const theDraft = () => (generated ??= generate(editor, { agency, year: YEAR }));

describe('生成年报草稿', () => {
  it('creates the draft, and every cell of table 三 equals a count made from the records', async () => {
    const response = await theDraft();
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const documentId = response.body.data.documentId;
    const draft = await cms.strapi.documents(REPORT).findOne({ documentId, status: 'draft' });
    expect(draft).toMatchObject({
      year: YEAR,
      templateVersion: '2021',
      publishedAt: null,
      title: '测试区教育局2022年政府信息公开工作年度报告',
    });

    const [first, last] = [`${YEAR}-01-01`, `${YEAR}-12-31`];
    const count = (test: (r: Made) => boolean, kind: string) =>
      made.filter((r) => (kind === 'total' || r.applicantKind === kind) && test(r)).length;
    const rows: Record<string, (r: Made) => boolean> = {
      newRequests: (r) => r.receivedAt >= first && r.receivedAt <= last,
      carriedOver: (r) => r.receivedAt < first && (r.repliedAt === null || r.repliedAt >= first),
      handledTotal: (r) => r.receivedAt <= last && r.repliedAt !== null && r.repliedAt >= first && r.repliedAt <= last,
      carriedForward: (r) => r.receivedAt <= last && (r.repliedAt === null || r.repliedAt > last),
    };
    for (const outcome of requestOutcomeKeys) rows[outcome] = (r) => rows.handledTotal!(r) && r.outcome === outcome;
    let checked = 0;
    for (const [row, test] of Object.entries(rows)) {
      for (const column of [...KINDS, 'total']) {
        expect(draft.requestTable[row][column], `${row}/${column}`).toBe(count(test, column));
        checked++;
      }
    }
    expect(checked).toBe(25 * 7);
    // The sample is meant to exercise every kind of row.
    expect(draft.requestTable.carriedOver.total).toBeGreaterThan(0);
    expect(draft.requestTable.carriedForward.total).toBeGreaterThan(0);
  });

  it('counts table 二’s 规章 and 规范性文件 from the published policy items, 现行有效 fixed by last year’s report (R6)', async () => {
    const documentId = (await theDraft()).body.data.documentId;
    const draft = await cms.strapi.documents(REPORT).findOne({ documentId, status: 'draft' });
    const previous = await cms.strapi
      .documents(REPORT)
      .findFirst({ status: 'published', filters: { agency: { documentId: agency }, year: YEAR - 1 } });
    const inYear = (d: string | null) => d !== null && d.startsWith(`${YEAR}-`);
    for (const [documentClass, row] of [
      ['regulation', 'rules'],
      ['normativeDocument', 'normativeDocuments'],
    ] as const) {
      const mine = policies.filter((p) => p.published && p.documentClass === documentClass);
      const issued = mine.filter((p) => inYear(p.writtenDate ?? p.publishDate)).length;
      const repealed = mine.filter((p) => (p.validity === 'repealed' || p.validity === 'expired') && inYear(p.invalidDate)).length;
      const ended = (p: Policy) =>
        (p.validity === 'repealed' || p.validity === 'expired') && (p.invalidDate === null || p.invalidDate <= `${YEAR}-12-31`);
      const counted = mine.filter((p) => (p.writtenDate ?? p.publishDate) <= `${YEAR}-12-31` && !ended(p)).length;
      // Last year's figure where it gave one; where it printed 不适用 (the fixture's 规章 row), the count.
      const before = previous.proactiveTable[row].inForce;
      expect(draft.proactiveTable[row], row).toEqual({
        issued,
        repealed,
        inForce: typeof before === 'number' ? before + issued - repealed : counted,
      });
    }
    expect(previous.proactiveTable.rules.inForce).toBeNull();
    expect(previous.proactiveTable.normativeDocuments.inForce).toBe(FIXTURE.reports['2021'].normativeDocumentsInForce);
    // Everything else is the editor's to fill in.
    expect(Object.keys(draft.proactiveTable).sort()).toEqual(['normativeDocuments', 'rules']);
    expect(draft.reviewTable).toEqual({});
  });

  it('never over an existing report; a wrong year or agency is refused in Chinese; only those who may create reports', async () => {
    expect((await theDraft()).status).toBe(201);
    const again = await generate(editor, { agency, year: YEAR });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/2022年度报告已经存在/);
    expect((await generate(editor, { agency, year: 2018 })).body.error.message).toMatch(/年度应为 2019—\d{4} 之间的年份/);
    expect((await generate(editor, { agency: 'nope', year: 2023 })).body.error.message).toMatch(/请选择要生成年报草稿的机构/);
    const refused = await generate(maintainer, { agency, year: 2023 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/只有可以新建年度报告的人员/);
    expect(
      (
        await fetch(`${cms.url}/annual-report-drafts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ agency, year: 2023 }),
        })
      ).status,
    ).toBe(401);
    expect(await cms.strapi.documents(REPORT).count({ filters: { agency: { documentId: agency }, year: 2023 } })).toBe(0);
  });
});

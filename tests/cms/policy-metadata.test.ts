import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { FIXTURE, fixtureContent } from '../fixtures/content.ts';

/*
 * A policy item's metadata cannot go wrong, whichever way it is written: the admin (as the panel
 * calls it), REST and GraphQL with an API token, and the Document Service (code, imports).
 *
 *   rule                                    every surface: save a draft, create/update published
 *   主题分类 / 体裁 / 信息类别 in vocabulary   refused with a Chinese message under the field, nothing stored
 *   文号 with [] ( ) 【】                       stored with 〔〕, the notice in the response header
 *   索引号                                     proposed from the agency's prefix, year and next serial;
 *                                             unique; fixed after the first publish (also after
 *                                             unpublish → republish), the message names the published value
 *   废止/失效, 已修订                            need their date / their replacing document to publish
 *   替代文件                                   never the document itself
 */

const POLICY = 'api::policy-item.policy-item';
const admin = { email: 'metadata-admin@example.com', password: 'Test-Admin-12345' };
// The 统一社会信用代码 of the agency the tests file under: its 索引号 prefix.
const PREFIX = fixtureContent.agencies.find((a) => a.slug === FIXTURE.quietAgency)!.creditCode;

let cms: RunningCms;
let chief: AdminClient;
let token: string;
let agency: string;
let serial = 0;

type Outcome = { ok: boolean; status: number; message: string; documentId?: string; notices: string[]; paths: string[][] };
type Surface = {
  name: string;
  create: (data: Record<string, unknown>, publish?: boolean) => Promise<Outcome>;
  update: (documentId: string, data: Record<string, unknown>, publish?: boolean) => Promise<Outcome>;
};

const unique = (title: string) => `${title}-${++serial}`;
const docs = () => cms.strapi.documents(POLICY);
const draftOf = (documentId: string) => docs().findOne({ documentId, status: 'draft' });
const publishedOf = (documentId: string) => docs().findOne({ documentId, status: 'published' });
const countTitled = (title: string) => cms.strapi.db.query(POLICY).count({ where: { title } });
const base = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  agency,
  writtenDate: '2026-03-02',
  publishDate: '2026-03-05',
  validity: 'valid',
  ...extra,
});
const headerNotices = (response: Response): string[] => {
  const raw = response.headers.get('x-portal-notices');
  return raw ? (JSON.parse(decodeURIComponent(raw)) as string[]) : [];
};

async function rest(method: string, path: string, body: unknown): Promise<Outcome> {
  const response = await fetch(`${cms.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as {
    data?: { documentId?: string };
    error?: { message: string; details?: { errors?: Array<{ path: string[] }> } };
  };
  return {
    ok: response.ok,
    status: response.status,
    message: json.error?.message ?? '',
    documentId: json.data?.documentId,
    notices: headerNotices(response),
    paths: json.error?.details?.errors?.map((e) => e.path) ?? [],
  };
}

async function adminCall(method: string, path: string, body: unknown): Promise<Outcome> {
  const response = await fetch(`${cms.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as {
    data?: { documentId?: string };
    error?: { message: string; details?: { errors?: Array<{ path: string[] }> } };
  };
  return {
    ok: response.ok,
    status: response.status,
    message: json.error?.message ?? '',
    documentId: json.data?.documentId,
    notices: headerNotices(response),
    paths: json.error?.details?.errors?.map((e) => e.path) ?? [],
  };
}
let adminToken: string;

async function gql(query: string, variables: Record<string, unknown>, field: string): Promise<Outcome> {
  const response = await fetch(`${cms.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await response.json()) as { data?: Record<string, { documentId: string } | null>; errors?: Array<{ message: string }> };
  return {
    ok: !json.errors,
    status: response.status,
    message: json.errors?.map((e) => e.message).join('；') ?? '',
    documentId: json.data?.[field]?.documentId,
    notices: headerNotices(response),
    paths: [],
  };
}

async function documentService(run: () => Promise<{ documentId?: string } | null>): Promise<Outcome> {
  try {
    const result = await run();
    return { ok: true, status: 200, message: '', documentId: result?.documentId, notices: [], paths: [] };
  } catch (error) {
    const details = (error as { details?: { errors?: Array<{ path: string[] }> } }).details;
    return { ok: false, status: 400, message: (error as Error).message, notices: [], paths: details?.errors?.map((e) => e.path) ?? [] };
  }
}

/** The admin sends relations as `connect` lists; the others as a documentId. */
const forAdmin = (data: Record<string, unknown>) => {
  const out = { ...data };
  for (const key of ['agency', 'replacedBy']) {
    if (typeof out[key] === 'string') out[key] = { connect: [{ documentId: out[key] }], disconnect: [] };
  }
  return out;
};

const SURFACES: Surface[] = [
  {
    name: 'the Document Service',
    create: (data, publish) => documentService(() => docs().create({ data, ...(publish ? { status: 'published' } : {}) })),
    update: (documentId, data, publish) =>
      documentService(() => docs().update({ documentId, data, ...(publish ? { status: 'published' } : {}) })),
  },
  {
    name: 'the admin (content-manager)',
    create: (data, publish) =>
      adminCall('POST', `/content-manager/collection-types/${POLICY}${publish ? '/actions/publish' : ''}`, forAdmin(data)),
    update: (documentId, data, publish) =>
      adminCall(
        publish ? 'POST' : 'PUT',
        `/content-manager/collection-types/${POLICY}/${documentId}${publish ? '/actions/publish' : ''}`,
        forAdmin(data),
      ),
  },
  {
    name: 'REST with a full-access token',
    // REST publishes unless told otherwise.
    create: (data, publish) => rest('POST', `/api/policy-items?status=${publish ? 'published' : 'draft'}`, { data }),
    update: (documentId, data, publish) =>
      rest('PUT', `/api/policy-items/${documentId}?status=${publish ? 'published' : 'draft'}`, { data }),
  },
  {
    name: 'GraphQL with a full-access token',
    create: (data, publish) =>
      gql(
        `mutation ($data: PolicyItemInput!) { createPolicyItem(data: $data, status: ${publish ? 'PUBLISHED' : 'DRAFT'}) { documentId } }`,
        { data },
        'createPolicyItem',
      ),
    update: (documentId, data, publish) =>
      gql(
        `mutation ($id: ID!, $data: PolicyItemInput!) { updatePolicyItem(documentId: $id, data: $data, status: ${publish ? 'PUBLISHED' : 'DRAFT'}) { documentId } }`,
        { id: documentId, data },
        'updatePolicyItem',
      ),
  },
];

/** A published policy item with a 索引号 of its own, made through the Document Service. */
async function publishedItem(title: string): Promise<{ documentId: string; indexNumber: string }> {
  const created = await docs().create({ data: base(title), status: 'published' });
  return { documentId: created.documentId, indexNumber: created.indexNumber };
}

beforeAll(async () => {
  cms = await startCms({ admin, content: fixtureContent });
  chief = await adminClient(cms.url, admin);
  const login = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  adminToken = ((await login.json()) as { data: { token: string } }).data.token;
  token = (
    await (cms.strapi as any)
      .service('admin::api-token')
      .create({ name: 'metadata-full', type: 'full-access', lifespan: null, description: '' })
  ).accessKey;
  agency = (await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: FIXTURE.quietAgency } })).documentId;
});

afterAll(async () => {
  await cms?.stop();
});

describe.each(SURFACES)('through $name', (surface) => {
  it('refuses a 主题分类, 体裁 or 信息类别 outside the vocabularies, in Chinese, storing nothing', async () => {
    for (const [field, value, expected] of [
      ['topic', '农业\\不存在的类别', '不在国务院公文主题分类中'],
      ['topic', '综合政务', '还须选一个二级分类'],
      ['genre', '公示', '不是公文文种'],
      ['catalogNode', '不存在的类别', '不在公开目录中'],
    ] as const) {
      for (const publish of [false, true]) {
        const title = unique(`词表外-${field}`);
        const refused = await surface.create(base(title, { [field]: value }), publish);
        expect(refused.ok, `${field}=${value} publish=${publish}`).toBe(false);
        expect(refused.message).toContain(expected);
        if (surface.name.startsWith('the admin')) expect(refused.paths).toContainEqual([field]);
        expect(await countTitled(title)).toBe(0);
      }
    }
    const existing = (await surface.create(base(unique('词表内')))).documentId!;
    const edited = await surface.update(existing, { topic: '农业\\不存在的类别' });
    expect(edited.ok).toBe(false);
    expect(edited.message).toContain('主题分类“农业\\不存在的类别”不在国务院公文主题分类中');
    expect((await draftOf(existing)).topic).toBeNull();
  });

  it('accepts the vocabularies and stores their official forms', async () => {
    const created = await surface.create(
      base(unique('词表内'), { topic: '综合政务 / 政务公开', genre: '通知', catalogNode: '政策文件' }),
      true,
    );
    expect(created).toMatchObject({ ok: true });
    const stored = await publishedOf(created.documentId!);
    expect(stored).toMatchObject({ topic: '综合政务\\政务公开', genre: '通知', catalogNode: '政策文件' });
  });

  it('stores a 文号 typed with [] as 〔〕 and says so', async () => {
    const created = await surface.create(base(unique('文号方括号'), { docNumber: '临政办发[2026]5号' }), true);
    expect(created).toMatchObject({ ok: true });
    expect((await publishedOf(created.documentId!)).docNumber).toBe('临政办发〔2026〕5号');
    if (surface.name !== 'the Document Service') {
      expect(created.notices.join('')).toContain('文号已按规范写法保存为“临政办发〔2026〕5号”');
    }
    const edited = await surface.update(created.documentId!, { docNumber: '临政办发（2026）6号' });
    expect(edited).toMatchObject({ ok: true });
    expect((await draftOf(created.documentId!)).docNumber).toBe('临政办发〔2026〕6号');

    const title = unique('文号乱写');
    const refused = await surface.create(base(title, { docNumber: '随便写的' }));
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('文号“随便写的”的格式不对');
    expect(await countTitled(title)).toBe(0);
  });

  it('proposes the 索引号 from the agency’s prefix, year and next serial, and keeps it unique', async () => {
    const first = await surface.create(base(unique('自动编号一')));
    const second = await surface.create(base(unique('自动编号二')));
    expect(first.ok && second.ok).toBe(true);
    const a = (await draftOf(first.documentId!)).indexNumber as string;
    const b = (await draftOf(second.documentId!)).indexNumber as string;
    expect(a).toMatch(new RegExp(`^${PREFIX}/2026-\\d{5}$`));
    expect(Number(b.slice(-5))).toBe(Number(a.slice(-5)) + 1);
    if (surface.name !== 'the Document Service') expect(first.notices.join('')).toContain(`索引号已按发布机构的索引号前缀自动编为“${a}”`);

    const title = unique('重号');
    const duplicate = await surface.create(base(title, { indexNumber: a }));
    expect(duplicate.ok).toBe(false);
    expect(duplicate.message).toContain(`索引号“${a}”已被另一文件`);
    expect(await countTitled(title)).toBe(0);
    const retyped = await surface.update(second.documentId!, { indexNumber: a.toLowerCase() });
    expect(retyped.ok).toBe(false);
    expect(retyped.message).toContain('不能重复');

    const malformed = await surface.create(base(unique('坏索引号'), { indexNumber: 'TEST/不合格' }));
    expect(malformed.ok).toBe(false);
    expect(malformed.message).toContain('索引号“TEST/不合格”的格式不对');
  });

  it('never changes a published 索引号, naming the published value', async () => {
    const { documentId, indexNumber } = await publishedItem(unique('已发布'));
    const other = `${PREFIX}/2026-09${String(serial).padStart(3, '0')}`;
    for (const publish of [false, true]) {
      const changed = await surface.update(documentId, { indexNumber: other }, publish);
      expect(changed.ok).toBe(false);
      expect(changed.message).toContain(`索引号发布后不可更改：本文件已以索引号“${indexNumber}”发布过`);
      if (surface.name.startsWith('the admin')) expect(changed.paths).toContainEqual(['indexNumber']);
    }
    expect((await publishedOf(documentId)).indexNumber).toBe(indexNumber);
    expect((await draftOf(documentId)).indexNumber).toBe(indexNumber);
    // The same number, other edits: fine.
    expect(await surface.update(documentId, { indexNumber, summary: '补充内容概述' }, true)).toMatchObject({ ok: true });
  });

  it('asks a 废止/失效 document for its date and an 已修订 one for its replacement before publishing', async () => {
    for (const validity of ['repealed', 'expired'] as const) {
      const title = unique(`无日期-${validity}`);
      const refused = await surface.create(base(title, { validity }), true);
      expect(refused.ok).toBe(false);
      expect(refused.message).toContain(validity === 'repealed' ? '须填写废止日期' : '须填写失效日期');
      expect(await docs().findFirst({ status: 'published', filters: { title } })).toBeNull();
    }
    const dated = await surface.create(base(unique('有日期的废止'), { validity: 'repealed', invalidDate: '2026-06-30' }), true);
    expect(dated).toMatchObject({ ok: true });

    const revised = await surface.create(base(unique('无替代的修订'), { validity: 'revised' }), true);
    expect(revised.ok).toBe(false);
    expect(revised.message).toContain('须选择替代它的文件');
  });

  it('refuses a document replacing itself', async () => {
    const { documentId } = await publishedItem(unique('自我替代'));
    for (const publish of [false, true]) {
      const refused = await surface.update(documentId, { validity: 'revised', replacedBy: documentId }, publish);
      expect(refused.ok).toBe(false);
      expect(refused.message).toContain('文件不能替代它自己');
    }
    expect((await publishedOf(documentId)).validity).toBe('valid');
  });
});

describe('unpublish, edit, publish again', () => {
  it('keeps the 索引号 it was first published with', async () => {
    const { documentId, indexNumber } = await publishedItem(unique('撤回再发'));
    expect((await chief.request('POST', `/content-manager/collection-types/${POLICY}/${documentId}/actions/unpublish`, {})).status).toBe(
      200,
    );
    expect(await publishedOf(documentId)).toBeNull();
    const other = `${PREFIX}/2026-08888`;

    const admin = await chief.update(POLICY, documentId, { indexNumber: other });
    expect(admin.status).toBe(400);
    expect(admin.body.error.message).toContain(`已以索引号“${indexNumber}”发布过（撤回后也不能改）`);
    await expect(docs().update({ documentId, data: { indexNumber: other } })).rejects.toThrow(indexNumber);
    expect((await rest('PUT', `/api/policy-items/${documentId}?status=published`, { data: { indexNumber: other } })).message).toContain(
      indexNumber,
    );
    expect((await draftOf(documentId)).indexNumber).toBe(indexNumber);

    expect((await chief.publish(POLICY, documentId, { summary: '撤回后修改再发布' })).status).toBe(200);
    expect((await publishedOf(documentId)).indexNumber).toBe(indexNumber);
  });

  it('a publish of several at once checks each one (the admin’s bulk publish)', async () => {
    const good = (await docs().create({ data: base(unique('批量-好')) })).documentId;
    const bad = (await docs().create({ data: base(unique('批量-废止无日期'), { validity: 'repealed' }) })).documentId;
    const response = await chief.request('POST', `/content-manager/collection-types/${POLICY}/actions/bulkPublish`, {
      documentIds: [good, bad],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('须填写废止日期');
    expect(await publishedOf(good)).toBeNull();
  });

  it('a copy (the admin’s 复制) gets a 索引号 of its own', async () => {
    const { documentId, indexNumber } = await publishedItem(unique('复制来源'));
    const copy = await chief.request('POST', `/content-manager/collection-types/${POLICY}/clone/${documentId}`, {});
    expect(copy.status).toBeLessThan(300);
    const copied = await draftOf(copy.body.data.documentId);
    expect(copied.indexNumber).toMatch(new RegExp(`^${PREFIX}/2026-\\d{5}$`));
    expect(copied.indexNumber).not.toBe(indexNumber);
  });
});

describe('hostile input', () => {
  it('gets a Chinese message for values that are no text, or far too long, and stores nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ topic: 123 }, '主题分类应为文字'],
      [{ docNumber: { $ne: null } }, '文号应为文字'],
      [{ indexNumber: [`${PREFIX}/2026-00001`] }, '索引号应为文字'],
      [{ genre: '通'.repeat(5000) }, '不是公文文种'],
      [{ topic: `综合政务\\${'政'.repeat(5000)}` }, '不是“综合政务”下的二级分类'],
    ];
    for (const [extra, expected] of cases) {
      const title = unique('恶意输入');
      const response = await rest('POST', '/api/policy-items?status=draft', { data: base(title, extra) });
      expect(response.status, JSON.stringify(extra).slice(0, 80)).toBe(400);
      expect(response.message).toContain(expected);
      expect(await countTitled(title)).toBe(0);
    }
    // The CMS still answers.
    expect((await fetch(`${cms.url}/_health`)).status).toBeLessThan(300);
  });
});

describe('the demo content', () => {
  it('passes every rule (it was published through them)', async () => {
    const published = await docs().findMany({ status: 'published', limit: 100 });
    expect(published.length).toBeGreaterThan(5);
    const repealed = published.filter((p: { validity: string }) => p.validity === 'repealed' || p.validity === 'expired');
    expect(repealed.every((p: { invalidDate: string | null }) => p.invalidDate)).toBe(true);
  });
});

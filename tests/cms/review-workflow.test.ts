import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { assignAgencies } from '../../cms/src/scoping/agency-scope.ts';

/*
 * 保密审查 before publishing (issue 10 part 7), on a real Strapi: an agency that requires review has
 * its documents published by a 审核人 only, on every path; its editors submit them; the reviewer
 * approves (publishes) or returns them with a comment; every step is in the audit log. The demo
 * agencies publish directly (their editors keep publishing, as tests/cms/editorial.test.ts shows).
 */

const POLICY = 'api::policy-item.policy-item';
const INTERPRETATION = 'api::policy-interpretation.policy-interpretation';
const AGENCY = 'api::agency.agency';
const REVIEW = 'api::review-request.review-request';
const AUDIT = 'api::audit-entry.audit-entry';
const admin = { email: 'chief@example.com', password: 'Test-Admin-12345' };
const editorLogin = { email: 'editor@example.com', password: 'Test-Editor-12345' };
const reviewerLogin = { email: 'reviewer@example.com', password: 'Test-Reviewer-12345' };
const REFUSED = '须经审核后发布';

let cms: RunningCms;
let editor: AdminClient;
let reviewer: AdminClient;
let editorUser: any;
let token: string;
/** An administrator's key: holds every permission, publishes as an administrator would. */
let fullToken: string;
/** An agency that requires review (its own), and a demo agency that publishes directly. */
let strict: string;
let direct: string;
let serial = 0;

const docs = (uid: string) => cms.strapi.documents(uid);
const isPublished = async (uid: string, documentId: string) => (await docs(uid).findOne({ documentId, status: 'published' })) !== null;
// No 索引号: the CMS numbers it from the agency's prefix (cms/src/validation/policy-item.ts).
const newPolicy = (title: string, agency: string) => ({ title, publishDate: '2026-11-01', validity: 'valid', agency });
const draftPolicy = async (prefix: string, agency = strict) => {
  const title = `${prefix}-${++serial}`;
  return { title, documentId: (await docs(POLICY).create({ data: newPolicy(title, agency) })).documentId as string };
};
/** Runs code as the editor would in a request of the admin (the identity the Document Service sees). */
const asEditor = <T>(fn: () => Promise<T>) =>
  (cms.strapi as any).requestContext.run({ state: { user: editorUser, auth: { strategy: { name: 'admin' } } } }, fn) as Promise<T>;
const rest = async (method: string, path: string, body?: unknown, key = token) => {
  const response = await fetch(`${cms.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
};
const gql = (query: string, variables: Record<string, unknown>) => graphql(cms.url, query, variables, { authorization: `Bearer ${token}` });
const auditOf = (documentId: string) =>
  cms.strapi.db.query(AUDIT).findMany({ where: { targetDocumentId: documentId }, orderBy: [{ id: 'asc' }] });

async function createUser(login: { email: string; password: string }, roleCode: string, firstname: string) {
  const strapi = cms.strapi as any;
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  return strapi
    .service('admin::user')
    .create({ ...login, firstname, lastname: '测试', isActive: true, registrationToken: null, roles: [role.id] });
}

beforeAll(async () => {
  cms = await startCms({ admin });
  editorUser = await createUser(editorLogin, 'disclosure-editor', '编辑');
  editorUser = await cms.strapi.db.query('admin::user').findOne({ where: { id: editorUser.id }, populate: ['roles'] });
  const reviewerUser = await createUser(reviewerLogin, 'disclosure-reviewer', '审核员');
  [, editor, reviewer] = await Promise.all([
    adminClient(cms.url, admin),
    adminClient(cms.url, editorLogin),
    adminClient(cms.url, reviewerLogin),
  ]);
  strict = (
    await docs(AGENCY).create({
      data: { name: '审核测试镇人民政府', slug: 'review-town', kind: 'town', indexPrefix: '11370305MB1234567R' },
      status: 'published',
    })
  ).documentId;
  direct = (await docs(AGENCY).findFirst({ filters: { slug: 'jingzhong' } })).documentId;
  // Both work for every agency here (tests/cms/agency-scoping.test.ts is about who works where).
  await assignAgencies(cms.strapi, editorUser.id);
  await assignAgencies(cms.strapi, reviewerUser.id);
  // How an editor would reach REST and GraphQL: a custom token that may write these types.
  const permissions = [
    'api::agency.agency.find',
    'api::policy-item.policy-item.find',
    'api::policy-item.policy-item.update',
    'api::policy-interpretation.policy-interpretation.create',
  ];
  token = (
    await (cms.strapi as any)
      .service('admin::api-token')
      .create({ name: 'review-custom', type: 'custom', lifespan: null, description: '', permissions })
  ).accessKey;
  fullToken = (
    await (cms.strapi as any)
      .service('admin::api-token')
      .create({ name: 'review-full', type: 'full-access', lifespan: null, description: '' })
  ).accessKey;
});

afterAll(async () => {
  await cms?.stop();
});

describe('the agency setting', () => {
  it('is on for a new agency and off for the demo agencies', async () => {
    expect((await docs(AGENCY).findOne({ documentId: strict, status: 'published' })).requireReview).toBe(true);
    expect((await docs(AGENCY).findOne({ documentId: direct, status: 'published' })).requireReview).toBe(false);
  });
});

describe('an editor of an agency that requires review cannot publish', () => {
  it('in the admin: publish and bulk publish are refused in Chinese, the draft stays a draft', async () => {
    const { documentId } = await draftPolicy('编辑直接发布');
    const publish = await editor.publish(POLICY, documentId);
    expect(publish.status).toBe(403);
    expect(publish.body.error.message).toContain(REFUSED);
    expect(publish.body.error.message).toContain('审核测试镇人民政府');
    const bulk = await editor.request('POST', `/content-manager/collection-types/${POLICY}/actions/bulkPublish`, {
      documentIds: [documentId],
    });
    expect(bulk.status).toBe(403);
    expect(bulk.body.error.message).toContain(REFUSED);
    expect(await isPublished(POLICY, documentId)).toBe(false);
    // Creating straight to published in the admin (its "publish" on a new document) stores nothing.
    const title = `新建即发布-${++serial}`;
    const created = await editor.request('POST', `/content-manager/collection-types/${POLICY}/actions/publish`, newPolicy(title, strict));
    expect(created.status).toBe(403);
    expect(await docs(POLICY).findFirst({ status: 'published', filters: { title } })).toBeNull();
    // Nothing was recorded as published.
    expect((await auditOf(documentId)).map((e: { action: string }) => e.action)).not.toContain('publish');
  });

  it('through the Document Service, with the editor as the user', async () => {
    const { documentId } = await draftPolicy('服务层发布');
    await expect(asEditor(() => docs(POLICY).publish({ documentId }))).rejects.toThrow(REFUSED);
    await expect(asEditor(() => docs(POLICY).publish({ documentId: { $in: [documentId] } }))).rejects.toThrow(REFUSED);
    await expect(asEditor(() => docs(POLICY).update({ documentId, data: { title: '改了再发布' }, status: 'published' }))).rejects.toThrow(
      REFUSED,
    );
    const title = `服务层新建即发布-${++serial}`;
    await expect(
      asEditor(() => docs(INTERPRETATION).create({ data: { title, publishDate: '2026-11-02', agency: strict }, status: 'published' })),
    ).rejects.toThrow(REFUSED);
    expect(await isPublished(POLICY, documentId)).toBe(false);
    expect((await docs(POLICY).findOne({ documentId, status: 'draft' })).title).not.toBe('改了再发布');
    expect(await cms.strapi.db.query(INTERPRETATION).count({ where: { title } })).toBe(0);
  });

  it('over REST and GraphQL (a custom API token never stands in for a reviewer)', async () => {
    const { documentId } = await draftPolicy('接口发布');
    const put = await rest('PUT', `/api/policy-items/${documentId}?status=published`, { data: { title: '接口改后发布' } });
    expect(put.status).toBe(403);
    expect(put.body.error.message).toContain(REFUSED);
    const title = `接口新建即发布-${++serial}`;
    const post = await rest('POST', '/api/policy-interpretations?status=published', {
      data: { title, publishDate: '2026-11-02', agency: strict },
    });
    expect(post.status, JSON.stringify(post.body)).toBe(403);
    expect(await cms.strapi.db.query(INTERPRETATION).count({ where: { title } })).toBe(0);

    const mutation =
      'mutation ($id: ID!, $data: PolicyItemInput!) { updatePolicyItem(documentId: $id, data: $data, status: PUBLISHED) { documentId } }';
    const result = await gql(mutation, { id: documentId, data: { title: 'GraphQL改后发布' } });
    expect(result.errors?.[0]?.message).toContain(REFUSED);
    expect(await isPublished(POLICY, documentId)).toBe(false);
    expect((await docs(POLICY).findOne({ documentId, status: 'draft' })).title).not.toBe('GraphQL改后发布');

    // A full-access token is an administrator's: it publishes.
    const full = await rest('PUT', `/api/policy-items/${documentId}?status=published`, { data: { title: '管理员接口发布' } }, fullToken);
    expect(full.status).toBe(200);
    expect(await isPublished(POLICY, documentId)).toBe(true);
  });
});

describe('an editor cannot take a document out of an agency that requires review (and publish it elsewhere)', () => {
  const MOVE = '不能改到其他机构后自行发布';
  const MOVED = '现已公开的版本属于机构';
  const agencyIdOf = async (documentId: string, status: 'draft' | 'published' = 'draft') =>
    (await docs(POLICY).findOne({ documentId, status, populate: { agency: { fields: ['documentId'] } } }))?.agency?.documentId ?? null;
  /** The draft as stored, to show a refused write left nothing behind. */
  const stored = async (documentId: string) => {
    const draft = await docs(POLICY).findOne({ documentId, status: 'draft', populate: { agency: { fields: ['documentId'] } } });
    return { title: draft.title, agency: draft.agency?.documentId ?? null, published: await isPublished(POLICY, documentId) };
  };
  let other: string;
  beforeAll(async () => {
    other = (await docs(AGENCY).findFirst({ filters: { requireReview: false, documentId: { $ne: direct } } })).documentId;
  });

  it('through the Document Service, with the editor as the user, in every form of the relation', async () => {
    const { title, documentId } = await draftPolicy('服务层改机构');
    for (const agency of [direct, { connect: [{ documentId: direct }] }, { set: [{ documentId: direct }] }, null]) {
      await expect(asEditor(() => docs(POLICY).update({ documentId, data: { title: '改机构后', agency } }))).rejects.toThrow(MOVE);
    }
    await expect(asEditor(() => docs(POLICY).update({ documentId, data: { agency: direct }, status: 'published' }))).rejects.toThrow(
      /须经审核后发布/,
    );
    await expect(asEditor(() => docs(POLICY).publish({ documentId }))).rejects.toThrow(REFUSED);
    expect(await stored(documentId)).toEqual({ title, agency: strict, published: false });
    // Other edits of the same document are still the editor's.
    await asEditor(() => docs(POLICY).update({ documentId, data: { title: `${title}（改）`, agency: strict } }));
    expect(await stored(documentId)).toEqual({ title: `${title}（改）`, agency: strict, published: false });
  });

  it('in the admin: the move is refused in Chinese and the publish after it too', async () => {
    const { title, documentId } = await draftPolicy('后台改机构');
    const moved = await editor.update(POLICY, documentId, {
      title: '后台改机构后',
      agency: { connect: [{ documentId: direct }], disconnect: [] },
    });
    expect(moved.status).toBe(403);
    expect(moved.body.error.message).toContain(MOVE);
    expect(moved.body.error.message).toContain('审核测试镇人民政府');
    expect((await editor.publish(POLICY, documentId, { agency: { connect: [{ documentId: direct }] } })).status).toBe(403);
    expect((await editor.publish(POLICY, documentId)).status).toBe(403);
    expect(await stored(documentId)).toEqual({ title, agency: strict, published: false });
    expect((await auditOf(documentId)).map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('over REST with a custom token and over GraphQL', async () => {
    const { title, documentId } = await draftPolicy('接口改机构');
    const put = await rest('PUT', `/api/policy-items/${documentId}`, { data: { title: '接口改机构后', agency: direct } });
    expect(put.status, JSON.stringify(put.body)).toBe(403);
    expect(put.body.error.message).toContain(MOVE);
    const publish = await rest('PUT', `/api/policy-items/${documentId}?status=published`, { data: { agency: direct } });
    expect(publish.status).toBe(403);
    const mutation = 'mutation ($id: ID!, $data: PolicyItemInput!) { updatePolicyItem(documentId: $id, data: $data) { documentId } }';
    const result = await gql(mutation, { id: documentId, data: { title: 'GraphQL改机构后', agency: direct } });
    expect(result.errors?.[0]?.message).toContain(MOVE);
    const published = await gql(mutation.replace('data: $data)', 'data: $data, status: PUBLISHED)'), {
      id: documentId,
      data: { agency: direct },
    });
    expect(published.errors?.[0]?.message).toMatch(/须经审核后发布/);
    expect(await stored(documentId)).toEqual({ title, agency: strict, published: false });
  });

  it("a draft moved by the reviewer stays the reviewer's to publish while the public version is of such an agency", async () => {
    const { documentId } = await draftPolicy('已公开后改机构');
    await docs(POLICY).publish({ documentId });
    const move = await reviewer.update(POLICY, documentId, { agency: { connect: [{ documentId: direct }], disconnect: [] } });
    expect(move.status, JSON.stringify(move.body)).toBe(200);
    expect(await agencyIdOf(documentId)).toBe(direct);

    const inAdmin = await editor.publish(POLICY, documentId);
    expect(inAdmin.status).toBe(403);
    expect(inAdmin.body.error.message).toContain(MOVED);
    expect(inAdmin.body.error.message).toContain('审核测试镇人民政府');
    await expect(asEditor(() => docs(POLICY).publish({ documentId }))).rejects.toThrow(MOVED);
    await expect(asEditor(() => docs(POLICY).publish({ documentId: { $in: [documentId] } }))).rejects.toThrow(MOVED);
    const overRest = await rest('PUT', `/api/policy-items/${documentId}?status=published`, { data: { title: '接口发布改过机构的' } });
    expect(overRest.status).toBe(403);
    expect(overRest.body.error.message).toContain(MOVED);
    expect(await agencyIdOf(documentId, 'published')).toBe(strict);
    // The editor may still submit it; the reviewer publishes it under its new agency.
    expect((await editor.request('POST', '/review/requests', { contentType: POLICY, documentId })).status).toBe(200);
    expect((await reviewer.publish(POLICY, documentId)).status).toBe(200);
    expect(await agencyIdOf(documentId, 'published')).toBe(direct);
  });

  it('the reviewer may move a draft; an editor moves between agencies that publish directly and publishes', async () => {
    const byReviewer = await draftPolicy('审核人改机构');
    expect(
      (await reviewer.update(POLICY, byReviewer.documentId, { agency: { connect: [{ documentId: direct }], disconnect: [] } })).status,
    ).toBe(200);
    expect(await agencyIdOf(byReviewer.documentId)).toBe(direct);

    const plain = await draftPolicy('直接机构之间改', direct);
    const moved = await editor.update(POLICY, plain.documentId, { agency: { connect: [{ documentId: other }], disconnect: [] } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const overRest = await rest('PUT', `/api/policy-items/${plain.documentId}`, { data: { agency: direct } });
    expect(overRest.status, JSON.stringify(overRest.body)).toBe(200);
    expect((await editor.publish(POLICY, plain.documentId)).status).toBe(200);
    expect(await agencyIdOf(plain.documentId, 'published')).toBe(direct);
    // Giving a document without an agency one that publishes directly is an ordinary edit.
    const loose = (await docs(POLICY).create({ data: { title: `无机构-${++serial}`, publishDate: '2026-11-01', validity: 'valid' } }))
      .documentId;
    expect((await rest('PUT', `/api/policy-items/${loose}`, { data: { agency: direct } })).status).toBe(200);
    expect(await agencyIdOf(loose)).toBe(direct);
  });
});

describe('an editor of an agency that publishes directly', () => {
  it('publishes in the admin, over REST and GraphQL as before', async () => {
    const one = await draftPolicy('直接发布', direct);
    expect((await editor.publish(POLICY, one.documentId)).status).toBe(200);
    expect(await isPublished(POLICY, one.documentId)).toBe(true);
    const two = await draftPolicy('直接接口发布', direct);
    // (with the same custom token that is refused for an agency that requires review)
    expect(
      (await rest('PUT', `/api/policy-items/${two.documentId}?status=published`, { data: { title: `${two.title}（接口）` } })).status,
    ).toBe(200);
    expect(await isPublished(POLICY, two.documentId)).toBe(true);
    // Submitting is for agencies that require review.
    const submit = await editor.request('POST', '/review/requests', { contentType: POLICY, documentId: two.documentId });
    expect(submit.status).toBe(400);
    expect(submit.body.error.message).toContain('不要求审核');
  });
});

describe('REST PUT without ?status (issue 10: answered with publishedAt set)', () => {
  // Strapi 5's REST service defaults `status` to 'published' (core-api CoreService.getFetchParams), so
  // this PUT publishes. The review guard and the publish rules read the Document Service's params,
  // where that status is set, so they apply to it as to `?status=published`.
  it('publishes, through the review guard and the publish rules; ?status=draft saves the draft only', async () => {
    const guarded = await draftPolicy('接口无状态修改');
    const refused = await rest('PUT', `/api/policy-items/${guarded.documentId}`, { data: { title: '无状态改后' } });
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(refused.body.error.message).toContain(REFUSED);
    expect(await isPublished(POLICY, guarded.documentId)).toBe(false);
    expect((await docs(POLICY).findOne({ documentId: guarded.documentId, status: 'draft' })).title).toBe(guarded.title);

    const plain = await draftPolicy('接口无状态直接机构', direct);
    const put = await rest('PUT', `/api/policy-items/${plain.documentId}`, { data: { title: `${plain.title}（改）` } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.data.publishedAt).toEqual(expect.any(String));
    expect((await docs(POLICY).findOne({ documentId: plain.documentId, status: 'published' })).title).toBe(`${plain.title}（改）`);
    expect((await auditOf(plain.documentId)).map((e: { action: string }) => e.action)).toContain('publish');

    // The publish rules: a repealed item needs its 失效日期 to be published; as a draft it may wait.
    const { documentId } = await draftPolicy('接口无状态发布规则', direct);
    const ruled = await rest('PUT', `/api/policy-items/${documentId}`, { data: { validity: 'repealed' } });
    expect(ruled.status, JSON.stringify(ruled.body)).toBe(400);
    expect(ruled.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await isPublished(POLICY, documentId)).toBe(false);
    expect((await docs(POLICY).findOne({ documentId, status: 'draft' })).validity).toBe('valid');
    const draft = await rest('PUT', `/api/policy-items/${documentId}?status=draft`, { data: { validity: 'repealed' } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body.data.publishedAt).toBeNull();
    expect(await isPublished(POLICY, documentId)).toBe(false);
  });
});

describe('submit → approve', () => {
  it('the editor submits, the reviewer sees it in the queue and approves: the document is published by the reviewer', async () => {
    const { title, documentId } = await draftPolicy('待审核文件');
    const before = await editor.request('GET', `/review/documents/${POLICY}/${documentId}`);
    expect(before.body.data).toMatchObject({ requireReview: true, reviewer: false, request: null, agencyName: '审核测试镇人民政府' });

    const submitted = await editor.request('POST', '/review/requests', { contentType: POLICY, documentId, note: '请审核' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.data).toMatchObject({ state: 'pending', stateLabel: '待审核', title, submitterName: '测试编辑', note: '请审核' });
    const again = await editor.request('POST', '/review/requests', { contentType: POLICY, documentId });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain('正在等待审核人审核');

    // The queue is the reviewer's: an editor may not read it, nor approve.
    expect((await editor.request('GET', '/review/queue')).status).toBe(403);
    const id = submitted.body.data.id;
    const editorApproves = await editor.request('POST', `/review/requests/${id}/approve`, {});
    expect(editorApproves.status).toBe(403);
    expect(editorApproves.body.error.message).toContain('审核人');
    expect(await isPublished(POLICY, documentId)).toBe(false);

    const queue = await reviewer.request('GET', '/review/queue');
    expect(queue.status).toBe(200);
    expect(queue.body.data.find((r: { id: number }) => r.id === id)).toMatchObject({
      documentId,
      title,
      contentTypeLabel: '政策文件',
      agencyName: '审核测试镇人民政府',
    });

    const approved = await reviewer.request('POST', `/review/requests/${id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ state: 'approved', stateLabel: '已通过', reviewerName: '测试审核员' });
    expect(await isPublished(POLICY, documentId)).toBe(true);
    const { data } = await graphql(
      cms.url,
      '{ policyItems(filters: { title: { eq: $t } }) { title } }'.replace('$t', JSON.stringify(title)),
    );
    expect(data.policyItems).toHaveLength(1);
    // Closed: not in the queue, not approvable twice.
    expect((await reviewer.request('GET', '/review/queue')).body.data.some((r: { id: number }) => r.id === id)).toBe(false);
    expect((await reviewer.request('POST', `/review/requests/${id}/approve`, {})).status).toBe(400);

    const audit = await auditOf(documentId);
    expect(audit.map((e: any) => [e.action, e.userEmail])).toEqual([
      ['create', null],
      ['submitReview', editorLogin.email],
      ['publish', reviewerLogin.email],
      ['approveReview', reviewerLogin.email],
    ]);
    expect(audit[1]).toMatchObject({ actionLabel: '提交审核', comment: '请审核', title });
    expect(audit[3]).toMatchObject({ actionLabel: '审核通过', userName: '测试审核员', origin: '管理后台' });
  });
});

describe('submit → return → resubmit', () => {
  it('a return needs a comment; the draft stays a draft and the editor reads the comment', async () => {
    const { documentId } = await draftPolicy('退回文件');
    const id = (await editor.request('POST', '/review/requests', { contentType: POLICY, documentId })).body.data.id;

    for (const comment of [undefined, '', '   ']) {
      const refused = await reviewer.request('POST', `/review/requests/${id}/return`, { comment });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('退回意见');
    }
    const tooLong = await reviewer.request('POST', `/review/requests/${id}/return`, { comment: '长'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('最多 2000 字');

    const comment = '第二段涉及未公开的征地补偿标准，请删除后再提交。';
    const returned = await reviewer.request('POST', `/review/requests/${id}/return`, { comment });
    expect(returned.status).toBe(200);
    expect(returned.body.data).toMatchObject({ state: 'returned', stateLabel: '已退回', comment });
    expect(await isPublished(POLICY, documentId)).toBe(false);
    expect(await docs(POLICY).findOne({ documentId, status: 'draft' })).not.toBeNull();

    const seen = await editor.request('GET', `/review/documents/${POLICY}/${documentId}`);
    expect(seen.body.data.request).toMatchObject({ state: 'returned', comment, reviewerName: '测试审核员' });
    // Returned is not approvable; the editor may submit again.
    expect((await reviewer.request('POST', `/review/requests/${id}/approve`, {})).status).toBe(400);
    const resubmitted = await editor.request('POST', '/review/requests', { contentType: POLICY, documentId, note: '已删除第二段' });
    expect(resubmitted.body.data.state).toBe('pending');

    const audit = (await auditOf(documentId)).filter((e: any) => e.action.endsWith('Review'));
    expect(audit.map((e: any) => [e.action, e.actionLabel, e.comment ?? null])).toEqual([
      ['submitReview', '提交审核', null],
      ['returnReview', '审核退回', comment],
      ['submitReview', '提交审核', '已删除第二段'],
    ]);
  });
});

describe('hostile and private', () => {
  it('refuses malformed requests in Chinese and keeps the review records private', async () => {
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/review/requests', { contentType: 'api::audit-entry.audit-entry', documentId: 'abc' }],
      ['POST', '/review/requests', { contentType: POLICY, documentId: { $ne: null } }],
      ['POST', '/review/requests', { contentType: POLICY, documentId: 'nosuchdocument' }],
      ['POST', '/review/requests/1%20or%201=1/approve', {}],
      ['POST', '/review/requests', [1, 2]],
    ];
    for (const [method, path, body] of cases) {
      const response = await editor.request(method, path, body);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect(response.body.error.message, path).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await fetch(`${cms.url}/review/queue`)).status).toBe(401);
    expect((await fetch(`${cms.url}/api/review-requests`)).status).toBe(404);
    const introspect = await gql('{ reviewRequests { documentId } }', {});
    expect(introspect.errors?.length).toBeGreaterThan(0);
    // Administrators may read the records; editors only through the review routes.
    expect((await editor.request('GET', `/content-manager/collection-types/${REVIEW}`)).status).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { assignAgencies } from '../../cms/src/scoping/agency-scope.ts';

/*
 * 机构范围 (issue 10, 保密审查): 信息公开编辑, 指南维护 and 审核人 work on the documents of the agencies
 * they are assigned to (an agency's 负责人员), on a real Strapi through the admin's own API: their
 * lists show only those documents; another agency's document is refused by id for every action;
 * a save, a copy or a move can only end in one of their agencies, whichever form the relation is
 * written in, and a refused save stores nothing; Super Admin is not limited; a user without an
 * assignment sees nothing and is told why.
 */

const POLICY = 'api::policy-item.policy-item';
const INTERPRETATION = 'api::policy-interpretation.policy-interpretation';
const GUIDE = 'api::disclosure-guide.disclosure-guide';
const AGENCY = 'api::agency.agency';
const CONDITION = 'api::agency-scope';
const admin = { email: 'scope-chief@example.com', password: 'Test-Admin-12345' };
const logins = {
  editor: { email: 'scope-editor@example.com', password: 'Test-Editor-12345' },
  reviewer: { email: 'scope-reviewer@example.com', password: 'Test-Reviewer-12345' },
  maintainer: { email: 'scope-guide@example.com', password: 'Test-Guide-12345' },
  nobody: { email: 'scope-nobody@example.com', password: 'Test-Nobody-12345' },
};
const NOT_MINE = '不是您负责的机构';
const NOT_ASSIGNED = '您尚未被分配到任何机构，请联系管理员';

let cms: RunningCms;
let chief: AdminClient;
let editor: AdminClient;
let reviewer: AdminClient;
let maintainer: AdminClient;
let nobody: AdminClient;
/** The editor's and reviewer's agency (publishes directly), another that publishes directly, and one that requires review. */
let mine: string;
let other: string;
let strictMine: string;
let otherRowId: number;
let serial = 0;

const docs = (uid: string) => cms.strapi.documents(uid);
const base = (uid: string) => `/content-manager/collection-types/${uid}`;
const newPolicy = (title: string, agency?: unknown) => ({
  title,
  publishDate: '2026-11-01',
  validity: 'valid',
  ...(agency ? { agency } : {}),
});
const draftPolicy = async (prefix: string, agency: string) => {
  const title = `${prefix}-${++serial}`;
  return { title, documentId: (await docs(POLICY).create({ data: newPolicy(title, agency) })).documentId as string };
};
const stored = async (documentId: string) => {
  const draft = await docs(POLICY).findOne({ documentId, status: 'draft', populate: { agency: { fields: ['documentId'] } } });
  const published = await docs(POLICY).findOne({ documentId, status: 'published' });
  return { title: draft?.title, agency: draft?.agency?.documentId ?? null, published: published !== null };
};
const countTitled = (uid: string, title: string) => cms.strapi.db.query(uid).count({ where: { title } });
const listIds = async (client: AdminClient, uid = POLICY) => {
  const response = await client.request('GET', `${base(uid)}?page=1&pageSize=100&sort=id:DESC`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return { ids: response.body.results.map((r: { documentId: string }) => r.documentId) as string[], total: response.body.pagination.total };
};
const expectRefused = (response: { status: number; body: any }, text: string | RegExp = NOT_MINE) => {
  expect(response.status, JSON.stringify(response.body)).toBe(403);
  if (typeof text === 'string') expect(response.body.error.message).toContain(text);
  else expect(response.body.error.message).toMatch(text);
};

async function createUser(login: { email: string; password: string }, roleCode: string, firstname: string): Promise<number> {
  const strapi = cms.strapi as any;
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  const user = await strapi
    .service('admin::user')
    .create({ ...login, firstname, lastname: '范围', isActive: true, registrationToken: null, roles: [role.id] });
  return user.id;
}

beforeAll(async () => {
  cms = await startCms({ admin });
  const agencies = await docs(AGENCY).findMany({ filters: { slug: { $in: ['jingzhong', 'wenshao'] } } });
  mine = agencies.find((a: { slug: string }) => a.slug === 'jingzhong').documentId;
  other = agencies.find((a: { slug: string }) => a.slug === 'wenshao').documentId;
  otherRowId = (await cms.strapi.db.query(AGENCY).findOne({ where: { documentId: other, publishedAt: null } })).id;
  strictMine = (
    await docs(AGENCY).create({
      data: { name: '范围测试镇人民政府', slug: 'scope-town', kind: 'town', indexPrefix: '11370305MB7654321R' },
      status: 'published',
    })
  ).documentId;
  const editorId = await createUser(logins.editor, 'disclosure-editor', '编辑');
  const reviewerId = await createUser(logins.reviewer, 'disclosure-reviewer', '审核员');
  const maintainerId = await createUser(logins.maintainer, 'guide-maintainer', '指南员');
  await createUser(logins.nobody, 'disclosure-editor', '未分配');
  await assignAgencies(cms.strapi, editorId, [mine, strictMine]);
  await assignAgencies(cms.strapi, reviewerId, [mine, strictMine]);
  await assignAgencies(cms.strapi, maintainerId, [mine]);
  [chief, editor, reviewer, maintainer, nobody] = await Promise.all([
    adminClient(cms.url, admin),
    adminClient(cms.url, logins.editor),
    adminClient(cms.url, logins.reviewer),
    adminClient(cms.url, logins.maintainer),
    adminClient(cms.url, logins.nobody),
  ]);
});

afterAll(async () => {
  await cms?.stop();
});

describe('the RBAC condition', () => {
  it('"仅本机构的内容" is registered and on every permission of the scoped roles on the four document types', async () => {
    const conditions = await chief.request('GET', '/admin/permissions');
    expect(conditions.status).toBe(200);
    expect(conditions.body.data.conditions).toContainEqual(expect.objectContaining({ id: CONDITION, displayName: '仅本机构的内容' }));
    for (const code of ['disclosure-editor', 'guide-maintainer', 'disclosure-reviewer']) {
      const role = await (cms.strapi as any).service('admin::role').findOne({ code });
      const permissions = await cms.strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } } });
      const onDocuments = permissions.filter((p: { subject: string | null }) =>
        [POLICY, INTERPRETATION, GUIDE, 'api::annual-report.annual-report'].includes(p.subject ?? ''),
      );
      expect(onDocuments.length, code).toBeGreaterThan(0);
      for (const p of onDocuments) expect(p.conditions, `${code} ${p.action}`).toEqual([CONDITION]);
    }
    // 档案管理 is not limited to agencies.
    const archivist = await (cms.strapi as any).service('admin::role').findOne({ code: 'report-archivist' });
    const archive = await cms.strapi.db.query('admin::permission').findMany({ where: { role: { id: archivist.id } } });
    expect(archive.every((p: { conditions: unknown[] }) => p.conditions.length === 0)).toBe(true);
  });
});

describe('a scoped editor', () => {
  let ownDoc: { title: string; documentId: string };
  let foreign: { title: string; documentId: string };
  beforeAll(async () => {
    ownDoc = await draftPolicy('本机构文件', mine);
    foreign = await draftPolicy('他机构文件', other);
  });

  it("lists only their agencies' documents; Super Admin lists all", async () => {
    const listed = await listIds(editor);
    expect(listed.ids).toContain(ownDoc.documentId);
    expect(listed.ids).not.toContain(foreign.documentId);
    const theirs = await docs(POLICY).count({ status: 'draft', filters: { agency: { documentId: { $in: [mine, strictMine] } } } });
    expect(listed.total).toBe(theirs);
    const all = await listIds(chief);
    expect(all.ids).toEqual(expect.arrayContaining([ownDoc.documentId, foreign.documentId]));
    expect(all.total).toBe(await docs(POLICY).count({ status: 'draft' }));
    // The same on the other document types.
    const guides = await listIds(maintainer, GUIDE);
    const ownGuides = await docs(GUIDE).findMany({ status: 'draft', filters: { agency: { documentId: mine } } });
    expect(guides.ids.sort()).toEqual(ownGuides.map((g: { documentId: string }) => g.documentId).sort());
    expect(guides.total).toBeGreaterThan(0);
    expect((await listIds(chief, GUIDE)).total).toBeGreaterThan(guides.total);
  });

  it("may not read, update, publish, submit or delete another agency's document by id", async () => {
    const id = foreign.documentId;
    expect((await editor.request('GET', `${base(POLICY)}/${id}`)).status).toBe(403);
    expect((await editor.update(POLICY, id, { title: '改了别人的' })).status).toBe(403);
    expect((await editor.publish(POLICY, id)).status).toBe(403);
    expect((await editor.request('DELETE', `${base(POLICY)}/${id}`)).status).toBe(403);
    expectRefused(await editor.request('POST', '/review/requests', { contentType: POLICY, documentId: id }));
    expectRefused(await editor.request('GET', `/review/documents/${POLICY}/${id}`));
    expect(await stored(id)).toEqual({ title: foreign.title, agency: other, published: false });
    // Their own: as before, and whole in the bulk publish dialog's validation read.
    expect((await editor.request('GET', `${base(POLICY)}/${ownDoc.documentId}`)).status).toBe(200);
    const validation = await editor.request('POST', `${base(POLICY)}/actions/bulkFindForValidation`, {
      documentIds: [ownDoc.documentId, id],
    });
    expect(validation.status, JSON.stringify(validation.body)).toBe(200);
    expect(validation.body.results.map((d: { documentId: string; title: string }) => [d.documentId, d.title])).toEqual([
      [ownDoc.documentId, ownDoc.title],
    ]);
    expect((await editor.update(POLICY, ownDoc.documentId, { title: `${ownDoc.title}（改）` })).status).toBe(200);
  });

  it("bulk actions with another agency's documentId among their own are refused whole", async () => {
    const own = await draftPolicy('批量本机构', mine);
    for (const action of ['bulkPublish', 'bulkDelete']) {
      const response = await editor.request('POST', `${base(POLICY)}/actions/${action}`, {
        documentIds: [own.documentId, foreign.documentId],
      });
      expect(response.status, action).toBe(403);
    }
    expect(await stored(own.documentId)).toEqual({ title: own.title, agency: mine, published: false });
    expect(await stored(foreign.documentId)).toEqual({ title: foreign.title, agency: other, published: false });
    // Withdrawing: another agency's published document, alone or among their own.
    const ownLive = await draftPolicy('批量撤回本机构', mine);
    const foreignLive = await draftPolicy('批量撤回他机构', other);
    await docs(POLICY).publish({ documentId: ownLive.documentId });
    await docs(POLICY).publish({ documentId: foreignLive.documentId });
    expect((await editor.request('POST', `${base(POLICY)}/${foreignLive.documentId}/actions/unpublish`, {})).status).toBe(403);
    await docs(POLICY).update({ documentId: foreignLive.documentId, data: { title: `${foreignLive.title}（草稿）` } });
    expect((await editor.request('POST', `${base(POLICY)}/${foreignLive.documentId}/actions/discard`, {})).status).toBe(403);
    expect(await stored(foreignLive.documentId)).toMatchObject({ title: `${foreignLive.title}（草稿）` });
    const unpublish = await editor.request('POST', `${base(POLICY)}/actions/bulkUnpublish`, {
      documentIds: [ownLive.documentId, foreignLive.documentId],
    });
    expect(unpublish.status).toBe(403);
    expect(await stored(ownLive.documentId)).toMatchObject({ published: true });
    expect(await stored(foreignLive.documentId)).toMatchObject({ published: true });
    // The Document Service refuses the same, whoever calls it as the editor.
    const user = await cms.strapi.db.query('admin::user').findOne({ where: { email: logins.editor.email }, populate: ['roles'] });
    const asEditor = <T>(fn: () => Promise<T>) =>
      (cms.strapi as any).requestContext.run({ state: { user, auth: { strategy: { name: 'admin' } } } }, fn) as Promise<T>;
    await expect(asEditor(() => docs(POLICY).publish({ documentId: { $in: [own.documentId, foreign.documentId] } }))).rejects.toThrow(
      NOT_MINE,
    );
    await expect(asEditor(() => docs(POLICY).delete({ documentId: foreign.documentId }))).rejects.toThrow(NOT_MINE);
    expect(await stored(own.documentId)).toMatchObject({ published: false });
    expect(await stored(foreign.documentId)).toEqual({ title: foreign.title, agency: other, published: false });
    // Their own alone: published.
    expect((await editor.request('POST', `${base(POLICY)}/actions/bulkPublish`, { documentIds: [own.documentId] })).status).toBe(200);
    expect(await stored(own.documentId)).toMatchObject({ published: true });
  });

  it('cannot create into an unassigned agency, in any form of the relation; nothing is stored', async () => {
    const forms: unknown[] = [
      other,
      { connect: [{ documentId: other }] },
      { connect: [{ id: otherRowId }] },
      { set: [{ documentId: other }] },
      { connect: [{ documentId: mine }], set: [{ documentId: other }] },
      { connect: [{ documentId: other }], disconnect: [{ documentId: mine }] },
    ];
    for (const agency of forms) {
      const title = `越权新建-${++serial}`;
      const created = await editor.create(POLICY, newPolicy(title, agency));
      expectRefused(created);
      expect(created.body.error.message).toContain('您负责的机构为「临淄区敬仲镇人民政府」、「范围测试镇人民政府」');
      const publish = await editor.request('POST', `${base(POLICY)}/actions/publish`, newPolicy(`${title}-发布`, agency));
      expect(publish.status, JSON.stringify(agency)).toBe(403);
      expect(await countTitled(POLICY, title), JSON.stringify(agency)).toBe(0);
      expect(await countTitled(POLICY, `${title}-发布`), JSON.stringify(agency)).toBe(0);
    }
    // Without an agency: the document would be no one's.
    const title = `无机构新建-${++serial}`;
    expectRefused(await editor.create(POLICY, newPolicy(title)), '须填写所属机构');
    expect(await countTitled(POLICY, title)).toBe(0);
    // Another type, the same rule.
    const interpretation = `越权解读-${++serial}`;
    expectRefused(await editor.create(INTERPRETATION, { title: interpretation, publishDate: '2026-11-02', agency: other }));
    expect(await countTitled(INTERPRETATION, interpretation)).toBe(0);
    // Into their own agency: created.
    const ok = await editor.create(POLICY, newPolicy(`本机构新建-${++serial}`, { connect: [{ documentId: mine }] }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('cannot clone into an unassigned agency, nor clone another agency’s document', async () => {
    const copyTitle = `越权复制-${++serial}`;
    const into = await editor.request('POST', `${base(POLICY)}/clone/${ownDoc.documentId}`, {
      title: copyTitle,
      agency: { connect: [{ documentId: other }], disconnect: [] },
    });
    expectRefused(into);
    const from = await editor.request('POST', `${base(POLICY)}/clone/${foreign.documentId}`, { title: `${copyTitle}-源` });
    expect(from.status).toBe(403);
    expect(await countTitled(POLICY, copyTitle)).toBe(0);
    expect(await countTitled(POLICY, `${copyTitle}-源`)).toBe(0);
    const ok = await editor.request('POST', `${base(POLICY)}/clone/${ownDoc.documentId}`, { title: `${copyTitle}-本机构` });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('cannot move a document to an unassigned agency (or take its agency away), in any form of the relation', async () => {
    const own = await draftPolicy('改机构', mine);
    for (const agency of [
      other,
      { connect: [{ documentId: other }], disconnect: [] },
      { connect: [{ id: otherRowId }] },
      { set: [{ documentId: other }] },
      { disconnect: [{ documentId: mine }] },
      null,
    ]) {
      const moved = await editor.update(POLICY, own.documentId, { title: '改机构后', agency });
      expect(moved.status, JSON.stringify(agency)).toBe(403);
      expect(moved.body.error.message).toMatch(/不是您负责的机构|须填写所属机构/);
      expect((await editor.publish(POLICY, own.documentId, { agency })).status, JSON.stringify(agency)).toBe(403);
    }
    expect(await stored(own.documentId)).toEqual({ title: own.title, agency: mine, published: false });
    // Between their own agencies: an ordinary edit (the review rules still apply to publishing).
    const between = await editor.update(POLICY, own.documentId, { agency: { connect: [{ documentId: strictMine }], disconnect: [] } });
    expect(between.status, JSON.stringify(between.body)).toBe(200);
    expect((await editor.publish(POLICY, own.documentId)).body.error.message).toContain('须经审核后发布');
  });
});

describe('a scoped reviewer', () => {
  it("sees only their agencies' documents and requests, and approves only those", async () => {
    const own = await draftPolicy('审核本机构', strictMine);
    const strictOther = (
      await docs(AGENCY).create({
        data: { name: '范围外审核镇人民政府', slug: 'scope-other-town', kind: 'town', indexPrefix: '11370305MB7654322R' },
        status: 'published',
      })
    ).documentId;
    const foreign = await draftPolicy('审核他机构', strictOther);
    // Submitted by Super Admin (who may submit anything): one request in each agency.
    const ownRequest = (await chief.request('POST', '/review/requests', { contentType: POLICY, documentId: own.documentId })).body.data;
    const foreignRequest = await chief.request('POST', '/review/requests', { contentType: POLICY, documentId: foreign.documentId });
    expect(foreignRequest.status, JSON.stringify(foreignRequest.body)).toBe(200);

    const listed = await listIds(reviewer);
    expect(listed.ids).toContain(own.documentId);
    expect(listed.ids).not.toContain(foreign.documentId);
    const queue = (await reviewer.request('GET', '/review/queue')).body.data.map((r: { documentId: string }) => r.documentId);
    expect(queue).toContain(own.documentId);
    expect(queue).not.toContain(foreign.documentId);
    expect((await chief.request('GET', '/review/queue')).body.data.map((r: { documentId: string }) => r.documentId)).toContain(
      foreign.documentId,
    );

    expectRefused(await reviewer.request('POST', `/review/requests/${foreignRequest.body.data.id}/approve`, {}));
    expectRefused(await reviewer.request('POST', `/review/requests/${foreignRequest.body.data.id}/return`, { comment: '越权退回' }));
    expect((await reviewer.publish(POLICY, foreign.documentId)).status).toBe(403);
    expect((await reviewer.update(POLICY, foreign.documentId, { title: '审核人改他机构' })).status).toBe(403);
    expect(await stored(foreign.documentId)).toEqual({ title: foreign.title, agency: strictOther, published: false });

    expect((await reviewer.request('POST', `/review/requests/${ownRequest.id}/approve`, {})).status).toBe(200);
    expect(await stored(own.documentId)).toMatchObject({ published: true });
    // Super Admin approves the other.
    expect((await chief.request('POST', `/review/requests/${foreignRequest.body.data.id}/approve`, {})).status).toBe(200);
  });
});

describe('Super Admin', () => {
  it('is not limited: creates, moves and publishes in any agency', async () => {
    const title = `管理员新建-${++serial}`;
    const created = await chief.create(POLICY, newPolicy(title, other));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.data.documentId;
    expect((await chief.update(POLICY, id, { agency: { connect: [{ documentId: mine }], disconnect: [] } })).status).toBe(200);
    expect((await chief.publish(POLICY, id)).status).toBe(200);
    expect(await stored(id)).toEqual({ title, agency: mine, published: true });
  });
});

describe('a user with no assignment', () => {
  it('sees nothing and is told why in Chinese', async () => {
    const listed = await listIds(nobody);
    expect(listed).toEqual({ ids: [], total: 0 });
    const me = await nobody.request('GET', '/agency-scope/me');
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ scoped: true, agencies: [] });
    expect(me.body.data.message).toContain(NOT_ASSIGNED);
    const title = `未分配新建-${++serial}`;
    expectRefused(await nobody.create(POLICY, newPolicy(title, mine)), NOT_ASSIGNED);
    expect(await countTitled(POLICY, title)).toBe(0);
    // The assigned see their agencies' names; Super Admin is not limited.
    expect((await editor.request('GET', '/agency-scope/me')).body.data).toMatchObject({
      scoped: true,
      agencies: [expect.objectContaining({ name: '临淄区敬仲镇人民政府' }), expect.objectContaining({ name: '范围测试镇人民政府' })],
    });
    expect((await chief.request('GET', '/agency-scope/me')).body.data).toMatchObject({ scoped: false });
  });

  it('works for an agency once Super Admin adds them to its 负责人员 in the admin', async () => {
    const user = await cms.strapi.db.query('admin::user').findOne({ where: { email: logins.nobody.email } });
    const assigned = await chief.request('PUT', `${base(AGENCY)}/${other}`, { editors: { connect: [{ id: user.id }] } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect((await nobody.request('GET', '/agency-scope/me')).body.data.agencies).toEqual([
      expect.objectContaining({ documentId: other, name: '临淄区闻韶街道办事处' }),
    ]);
    const foreign = await draftPolicy('分配后可见', other);
    expect((await listIds(nobody)).ids).toContain(foreign.documentId);
    expect((await nobody.update(POLICY, foreign.documentId, { title: `${foreign.title}（改）` })).status).toBe(200);
    // Super Admin picks the people in the agency's edit view; an editor may read the agencies but
    // neither see who works for them nor assign anyone.
    const picker = await chief.request('GET', `/content-manager/relations/${AGENCY}/editors?pageSize=100`);
    expect(picker.status, JSON.stringify(picker.body)).toBe(200);
    expect(picker.body.results.map((u: { id: number }) => u.id)).toContain(user.id);
    // (Strapi answers a relation field the role may not read with a 500 of its own, not a 403: nothing leaks.)
    const peek = await editor.request('GET', `/content-manager/relations/${AGENCY}/editors?pageSize=100`);
    expect(peek.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(peek.body)).not.toContain(logins.nobody.email);
    expect(JSON.stringify(peek.body)).not.toContain('未分配');
    const seen = await editor.request('GET', `${base(AGENCY)}/${other}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.editors).toBeUndefined();
    const self = await editor.request('PUT', `${base(AGENCY)}/${other}`, { editors: { connect: [{ id: user.id + 1 }] } });
    expect(self.status).toBe(403);
  });
});

describe('the assignment is private', () => {
  it('is not in the public REST or GraphQL answers', async () => {
    const rest = await fetch(`${cms.url}/api/agencies?populate=*`);
    expect(rest.status).toBe(200);
    const text = await rest.text();
    expect(text).not.toContain('editors');
    expect(text).not.toContain(logins.editor.email);
    const populated = await fetch(`${cms.url}/api/agencies?populate[editors]=true`);
    expect(populated.status).toBeGreaterThanOrEqual(400);
    const gql = await fetch(`${cms.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ agencies { name editors { email } } }' }),
    });
    const body = (await gql.json()) as { errors?: unknown[] };
    expect(body.errors?.length).toBeGreaterThan(0);
  });
});

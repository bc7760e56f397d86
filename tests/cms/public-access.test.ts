import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { PUBLIC_TYPES } from '../../cms/src/setup/public-types.ts';
import { FIXTURE, NEVER_PUBLIC_MARK, fixtureContent } from '../fixtures/content.ts';

/*
 * The CMS as an anonymous member of the public meets it: published documents only, by every path.
 * The fixture content holds an unpublished policy, an unpublished interpretation linked to a
 * published policy, and a published policy with a newer unpublished edit.
 */

const DRAFT_POLICY = FIXTURE.draftPolicy;
const DRAFT_INTERPRETATION = FIXTURE.draftInterpretation;
const PENDING_EDIT = FIXTURE.pendingEdit;
const PUBLISHED_TITLE = FIXTURE.editedPolicy;

let cms: RunningCms;
let draftPolicyId: string;
let editedPolicyId: string;
let draftInterpretationId: string;
let token: string;

const text = (value: unknown) => JSON.stringify(value);

beforeAll(async () => {
  cms = await startCms({ content: fixtureContent });
  const policies = cms.strapi.documents('api::policy-item.policy-item');
  draftPolicyId = (await policies.findFirst({ status: 'draft', filters: { title: DRAFT_POLICY } })).documentId;
  editedPolicyId = (await policies.findFirst({ status: 'draft', filters: { title: PENDING_EDIT } })).documentId;
  draftInterpretationId = (
    await cms.strapi
      .documents('api::policy-interpretation.policy-interpretation')
      .findFirst({ status: 'draft', filters: { title: DRAFT_INTERPRETATION } })
  ).documentId;
  const apiToken = await (cms.strapi as any)
    .service('admin::api-token')
    .create({ name: 'test-reader', type: 'read-only', lifespan: null, description: '' });
  token = apiToken.accessKey;
});

afterAll(async () => {
  await cms?.stop();
});

describe('the Public role', () => {
  it('may find and findOne the public types, and nothing else of ours', async () => {
    const role = await cms.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const permissions = await cms.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } });
    const ours = permissions
      .map((p: { action: string }) => p.action)
      .filter((a: string) => a.startsWith('api::'))
      .sort();
    expect(ours).toEqual(PUBLIC_TYPES.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]).sort());
    expect(permissions.map((p: { action: string }) => p.action)).not.toContain('plugin::users-permissions.auth.register');
  });

  it('cannot sign up', async () => {
    const response = await fetch(`${cms.url}/api/auth/local/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'visitor', email: 'visitor@example.com', password: 'Visitor-12345' }),
    });
    expect([401, 403]).toContain(response.status);
    const users = await cms.strapi.db.query('plugin::users-permissions.user').count({});
    expect(users).toBe(0);
  });

  it('cannot write', async () => {
    const result = await graphql(
      cms.url,
      'mutation { createPolicyItem(data: { title: "x", indexNumber: "x", publishDate: "2021-01-01" }) { documentId } }',
    );
    expect(result.errors?.[0]?.message).toMatch(/Forbidden/i);
    const rest = await fetch(`${cms.url}/api/policy-items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { title: 'x' } }),
    });
    expect(rest.status).toBe(403);
  });
});

describe('anonymous GraphQL reads published documents only', () => {
  it('lists published policies, with the published text of an edited one', async () => {
    const { data } = await graphql(cms.url, '{ policyItems(pagination: { pageSize: 100 }) { documentId title } }');
    const titles = data.policyItems.map((p: { title: string }) => p.title);
    expect(titles).toContain(PUBLISHED_TITLE);
    expect(titles).toHaveLength(FIXTURE.publishedPolicies);
    expect(text(data)).not.toContain(DRAFT_POLICY);
    expect(text(data)).not.toContain(PENDING_EDIT);
  });

  it('ignores status: DRAFT on lists', async () => {
    const { data } = await graphql(cms.url, '{ policyItems(status: DRAFT) { title } policyInterpretations(status: DRAFT) { title } }');
    expect(data.policyItems.length).toBeGreaterThan(0);
    expect(text(data)).not.toContain(DRAFT_POLICY);
    expect(text(data)).not.toContain(PENDING_EDIT);
    expect(text(data)).not.toContain(DRAFT_INTERPRETATION);
  });

  it('ignores status: DRAFT on _connection, totals included', async () => {
    const { data } = await graphql(
      cms.url,
      '{ policyItems_connection(status: DRAFT, pagination: { page: 1, pageSize: 2 }) { nodes { title } pageInfo { total pageCount } } }',
    );
    expect(data.policyItems_connection.pageInfo.total).toBe(FIXTURE.publishedPolicies);
    expect(data.policyItems_connection.pageInfo.pageCount).toBe(Math.ceil(FIXTURE.publishedPolicies / 2));
    expect(text(data)).not.toContain(DRAFT_POLICY);
  });

  it('returns nothing for a draft asked for by id', async () => {
    const { data } = await graphql(cms.url, 'query($id: ID!) { policyItem(documentId: $id, status: DRAFT) { title } }', {
      id: draftPolicyId,
    });
    expect(data.policyItem).toBeNull();
    const interpretation = await graphql(cms.url, 'query($id: ID!) { policyInterpretation(documentId: $id, status: DRAFT) { title } }', {
      id: draftInterpretationId,
    });
    expect(interpretation.data.policyInterpretation).toBeNull();
  });

  it('returns the published version of a document with a pending edit', async () => {
    const { data } = await graphql(cms.url, 'query($id: ID!) { policyItem(documentId: $id, status: DRAFT) { title } }', {
      id: editedPolicyId,
    });
    expect(data.policyItem.title).toBe(PUBLISHED_TITLE);
  });

  it('does not reach drafts through relations', async () => {
    const query = (status: string) => `{
        policyItems${status} { title interpretations { title } interpretations_connection { nodes { title } } }
        agencies${status} { name policyItems { title } policyItems_connection { nodes { title } } }
        policyInterpretations${status} { title policyItems { title } }
      }`;
    const plain = await graphql(cms.url, query(''));
    // The relations are there (published interpretations show on their policies)…
    expect(plain.data.policyItems.flatMap((p: any) => p.interpretations).length).toBeGreaterThan(0);
    expect(plain.data.agencies.flatMap((a: any) => a.policyItems).length).toBe(FIXTURE.publishedPolicies);
    // …and neither plainly nor with status: DRAFT do they lead to a draft.
    for (const { data } of [plain, await graphql(cms.url, query('(status: DRAFT)'))]) {
      expect(text(data)).not.toContain(DRAFT_POLICY);
      expect(text(data)).not.toContain(PENDING_EDIT);
      expect(text(data)).not.toContain(DRAFT_INTERPRETATION);
    }
  });

  it('does not filter its way to drafts', async () => {
    const { data } = await graphql(
      cms.url,
      `
        {
          policyItems(status: DRAFT, filters: { title: { contains: "${NEVER_PUBLIC_MARK}" } }) {
            title
          }
        }
      `,
    );
    expect(data.policyItems).toEqual([]);
  });
});

describe('anonymous REST reads published documents only', () => {
  const get = async (path: string) => {
    const response = await fetch(`${cms.url}${path}`);
    return { status: response.status, body: await response.text() };
  };

  it('ignores ?status=draft on lists and populated relations', async () => {
    const list = await get('/api/policy-items?status=draft&populate=interpretations&pagination[pageSize]=100');
    expect(list.status).toBe(200);
    expect(list.body).toContain(PUBLISHED_TITLE);
    expect(list.body).not.toContain(DRAFT_POLICY);
    expect(list.body).not.toContain(PENDING_EDIT);
    expect(list.body).not.toContain(DRAFT_INTERPRETATION);
    const interpretations = await get('/api/policy-interpretations?status=draft&populate=policyItems');
    expect(interpretations.body).not.toContain(DRAFT_INTERPRETATION);
    expect(interpretations.body).not.toContain(DRAFT_POLICY);
  });

  it('answers 404 for a draft asked for by id', async () => {
    expect((await get(`/api/policy-items/${draftPolicyId}?status=draft`)).status).toBe(404);
    const edited = await get(`/api/policy-items/${editedPolicyId}?status=draft`);
    expect(edited.body).toContain(PUBLISHED_TITLE);
    expect(edited.body).not.toContain(PENDING_EDIT);
  });
});

describe('an API token (the preview path) still reads drafts', () => {
  it('sees the draft that anonymous callers cannot', async () => {
    // Proves the checks above are meaningful: the drafts exist and are reachable with credentials.
    const { data } = await graphql(cms.url, '{ policyItems(status: DRAFT) { title } }', {}, { authorization: `Bearer ${token}` });
    expect(text(data)).toContain(DRAFT_POLICY);
    expect(text(data)).toContain(PENDING_EDIT);
  });
});

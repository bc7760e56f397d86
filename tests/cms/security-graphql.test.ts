import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFrom, startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { FIXTURE, fixtureContent } from '../fixtures/content.ts';

/*
 * GraphQL that one anonymous query cannot stall, no introspection in production, no questions
 * about pending edits from the public, a rate limit for anonymous callers, and CORS only for the
 * CMS's own origins. The portal's own loader queries must still pass every limit.
 */

const OWN_ORIGIN = 'https://cms.example.gov.cn';
const FOREIGN_ORIGIN = 'https://evil.example';
const RATE_LIMIT = 150;
const PUBLISHED_POLICIES = FIXTURE.publishedPolicies;
const PENDING_EDIT_PUBLISHED = FIXTURE.editedPolicy;

let cms: RunningCms;
let token: string;

/** The stalling query of the finding: 1,000 aliases of a nested list. */
const aliasFlood = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: policyItems(pagination: { pageSize: 500 }) { title agency { name policyItems { title interpretations { title } } } }`).join(' ')} }`;

beforeAll(async () => {
  process.env.CORS_ORIGINS = OWN_ORIGIN;
  process.env.GRAPHQL_RATE_LIMIT = String(RATE_LIMIT);
  cms = await startCms({ content: fixtureContent });
  token = (
    await (cms.strapi as any)
      .service('admin::api-token')
      .create({ name: 'test-reader', type: 'read-only', lifespan: null, description: '' })
  ).accessKey;
});

afterAll(async () => {
  await cms?.stop();
  delete process.env.CORS_ORIGINS;
  delete process.env.GRAPHQL_RATE_LIMIT;
});

describe('query limits', () => {
  it('refuses the 1,000-alias query with a GraphQL error in Chinese, before resolving anything', async () => {
    const started = Date.now();
    const result = await graphql(cms.url, aliasFlood);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/^查询被拒绝：/);
    // Not a timing assertion: it tells a refusal from a 30-second answer in the failure output.
    expect(Date.now() - started, 'answered').toBeLessThan(30_000);
  });

  it('answers a concurrent normal query correctly while the flood is refused', async () => {
    const [flood, normal] = await Promise.all([
      graphql(cms.url, aliasFlood),
      graphql(cms.url, '{ policyItems(pagination: { pageSize: 100 }) { title agency { name } } }'),
    ]);
    expect(flood.errors?.[0]?.message).toMatch(/^查询被拒绝/);
    expect(normal.errors).toBeUndefined();
    expect(normal.data.policyItems).toHaveLength(PUBLISHED_POLICIES);
  });

  it('refuses too many aliases, too deep a query and too long a query, each saying which limit', async () => {
    const aliases = await graphql(cms.url, `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: agencies { name }`).join(' ')} }`);
    expect(aliases.errors?.[0]?.message).toContain('别名最多 15 个');
    const deep = await graphql(
      cms.url,
      '{ agencies { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } }',
    );
    expect(deep.errors?.map((e) => e.message).join()).toMatch(/嵌套超过 8 层|exceeds maximum operation depth/);
    const long = await graphql(
      cms.url,
      `{ agencies(filters: { slug: { in: [${Array.from({ length: 3000 }, (_, i) => `"s${i}"`).join(',')}] } }) { name } }`,
    );
    expect(long.errors?.[0]?.message).toContain('查询过长');
  });

  it('refuses a query whose page sizes multiply to too many objects, which no static cost sees', async () => {
    const nested = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: policyItems(pagination: { pageSize: 500 }) { agency { policyItems(pagination: { pageSize: 500 }) { title } } }`).join(' ')} }`;
    const result = await graphql(cms.url, nested);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/^查询被拒绝：按分页大小估算最多会返回约 [\d,]+ 个对象，超过上限 200,000/);
    const viaVariables = await graphql(
      cms.url,
      'query($p: PaginationArg) { policyItems(pagination: $p) { agency { policyItems(pagination: $p) { title } } } }',
      { p: { pageSize: 600 } },
    );
    expect(viaVariables.errors?.[0]?.message).toMatch(/^查询被拒绝：按分页大小估算/);
  });

  it('lets the portal build read every collection with its own queries, and a 200-id incremental page', async () => {
    process.env.CMS_URL = cms.url;
    const { fetchAll } = await import('../../site/src/loaders/client.ts');
    const { cmsCollections } = await import('../../site/src/loaders/collections.ts');
    for (const [field, { list }] of Object.entries(cmsCollections)) {
      const nodes = await fetchAll(list, field, undefined, 500);
      expect(nodes.length, field).toBeGreaterThan(0);
      const ids = [...nodes.map((n) => n.documentId), ...Array.from({ length: 200 - nodes.length }, (_, i) => `missing${i}x`)];
      expect((await fetchAll(list, field, { documentId: { in: ids } })).length, field).toBe(nodes.length);
    }
  });

  it('keeps introspection off unless GRAPHQL_INTROSPECTION=true', async () => {
    const result = await graphql(cms.url, '{ __schema { types { name } } }');
    expect(result.data?.__schema).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/introspection/i);
  });
});

describe('publication state is not the public’s to ask', () => {
  it('refuses publicationFilter and hasPublishedVersion on anonymous GraphQL, in Chinese', async () => {
    for (const query of [
      '{ policyItems(publicationFilter: MODIFIED) { title } }',
      '{ policyItems_connection(hasPublishedVersion: true) { nodes { title } } }',
      '{ agencies { policyItems { title } } policyItems(publicationFilter: NEVER_PUBLISHED) { title } }',
    ]) {
      const result = await graphql(cms.url, query);
      expect(result.data?.policyItems, query).toBeUndefined();
      expect(result.errors?.[0]?.message, query).toMatch(/^匿名访问不能使用参数 (publicationFilter|hasPublishedVersion)/);
    }
  });

  it('still answers them for an API token (the preview)', async () => {
    const result = await graphql(
      cms.url,
      '{ policyItems(publicationFilter: MODIFIED) { title } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.policyItems.map((p: { title: string }) => p.title)).toContain(PENDING_EDIT_PUBLISHED);
  });

  it('ignores them on anonymous REST: the answer is the plain published list', async () => {
    for (const query of ['publicationFilter=modified', 'hasPublishedVersion=false', 'publicationFilter=never-published']) {
      const response = await fetch(`${cms.url}/api/policy-items?${query}&pagination[pageSize]=100`);
      expect(response.status, query).toBe(200);
      const body = (await response.json()) as { data: unknown[] };
      expect(body.data, query).toHaveLength(PUBLISHED_POLICIES);
    }
  });
});

describe('CORS', () => {
  const preflight = (path: string, origin: string) =>
    fetch(`${cms.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });

  it('gives a foreign Origin no CORS headers and no credentials, on GraphQL, REST and the admin API', async () => {
    const answers = [
      await fetch(`${cms.url}/graphql`, {
        method: 'POST',
        headers: { origin: FOREIGN_ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ agencies { name } }' }),
      }),
      await fetch(`${cms.url}/api/policy-items`, { headers: { origin: FOREIGN_ORIGIN } }),
      await preflight('/graphql', FOREIGN_ORIGIN),
      await preflight('/admin/login', FOREIGN_ORIGIN),
      await preflight('/admin/api-tokens', FOREIGN_ORIGIN),
    ];
    for (const response of answers) {
      expect(response.headers.get('access-control-allow-origin'), response.url).toBeNull();
      expect(response.headers.get('access-control-allow-credentials'), response.url).toBeNull();
    }
  });

  it('allows the CMS’s own origin (CORS_ORIGINS) with credentials', async () => {
    const response = await preflight('/admin/login', OWN_ORIGIN);
    expect(response.headers.get('access-control-allow-origin')).toBe(OWN_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });
});

describe('rate limit for anonymous GraphQL', () => {
  it('answers 429 in Chinese once an address goes over the limit, and not for a token', async () => {
    // From an address of its own: the other tests' address keeps its budget, whatever the order.
    const flooder = '127.0.0.2';
    let refused: Awaited<ReturnType<typeof requestFrom>> | undefined;
    for (let i = 0; i <= RATE_LIMIT && !refused; i++) {
      const response = await requestFrom(flooder, `${cms.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ agencies { name } }' }),
      });
      if (response.status === 429) refused = response;
      else expect(response.status, `request ${i + 1}`).toBe(200);
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
    const body = JSON.parse(refused!.body) as { errors: Array<{ message: string }> };
    expect(body.errors[0]!.message).toMatch(/^请求过于频繁：匿名访问 GraphQL 每个地址每 60 秒最多 150 次/);
    const withToken = await graphql(cms.url, '{ agencies { name } }', {}, { authorization: `Bearer ${token}` });
    expect(withToken.data.agencies.length).toBeGreaterThan(0);
  });
});

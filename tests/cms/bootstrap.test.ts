import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { PolicyItemStampsDocument } from '../../site/src/graphql/generated/operations.ts';
import { fetchAll } from '../../site/src/loaders/client.ts';

/*
 * First start and restart: the demo admin account, the demo content and the public permissions
 * are set up once, and a second start on the same database changes nothing.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-cms-restart-'));
const admin = { email: 'editor-admin@example.com', password: 'Test-Admin-12345' };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function counts(cms: Awaited<ReturnType<typeof startCms>>) {
  const uids = [
    'agency.agency',
    'policy-item.policy-item',
    'policy-interpretation.policy-interpretation',
    'annual-report.annual-report',
    'disclosure-guide.disclosure-guide',
  ];
  const rows: Record<string, number> = {};
  for (const uid of uids) rows[uid] = await cms.strapi.db.query(`api::${uid}`).count({});
  rows.permissions = await cms.strapi.db.query('plugin::users-permissions.permission').count({});
  rows.admins = await cms.strapi.db.query('admin::user').count({});
  return rows;
}

describe('first start', () => {
  it('creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD, who can log in', async () => {
    const cms = await startCms({ dataDir, admin });
    try {
      const response = await fetch(`${cms.url}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(admin),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { user: { email: string; roles?: unknown } } };
      expect(body.data.user.email).toBe(admin.email);
      const user = await cms.strapi.db.query('admin::user').findOne({ where: { email: admin.email }, populate: ['roles'] });
      expect(user.roles.map((r: { code: string }) => r.code)).toEqual(['strapi-super-admin']);
    } finally {
      await cms.stop();
    }
  });

  it('serves every published document to a loader paging through _connection', async () => {
    const cms = await startCms({ dataDir, admin });
    try {
      process.env.CMS_URL = cms.url;
      // Page size 2 over 6 published policies: three pages, nothing lost or repeated.
      const policies = await fetchAll(PolicyItemStampsDocument, 'policyItems', undefined, 2);
      expect(policies).toHaveLength(6);
      expect(new Set(policies.map((p) => p.documentId)).size).toBe(6);
      const { data } = await graphql(cms.url, '{ policyItems(pagination: { limit: 1000 }) { title } }');
      expect(data.policyItems.length).toBe(6);
    } finally {
      delete process.env.CMS_URL;
      await cms.stop();
    }
  });
});

describe('a restart on the same database', () => {
  it('adds no second copy of the demo content, permissions or admin', async () => {
    const first = await startCms({ dataDir, admin });
    const before = await counts(first);
    await first.stop();
    const second = await startCms({ dataDir, admin });
    try {
      expect(await counts(second)).toEqual(before);
      expect(before['agency.agency']).toBeGreaterThan(0);
      expect(before.admins).toBe(1);
    } finally {
      await second.stop();
    }
  });
});

describe('GraphQL limits', () => {
  it('clamps a page to maxLimit and refuses a query deeper than depthLimit', async () => {
    const cms = await startCms({ dataDir, admin });
    try {
      const big = await graphql(cms.url, '{ policyItems_connection(pagination: { pageSize: 10000 }) { pageInfo { pageSize } } }');
      expect(big.data?.policyItems_connection.pageInfo.pageSize).toBe(500);
      const deep = await graphql(
        cms.url,
        '{ agencies { policyItems { agency { policyItems { agency { policyItems { agency { policyItems { agency { name } } } } } } } } } }',
      );
      expect(deep.errors?.[0]?.message).toMatch(/depth/i);
    } finally {
      await cms.stop();
    }
  });
});

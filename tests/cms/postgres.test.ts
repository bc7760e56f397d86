import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';
import { FIXTURE, NEVER_PUBLIC_MARK, fixtureContent } from '../fixtures/content.ts';

/*
 * The same CMS on PostgreSQL (DATABASE_CLIENT=postgres): a content set loads (the tests' own, by
 * the demo's loader), the public still reads published documents only, and an invalid report is
 * still refused with nothing stored.
 */

let pg: RunningPostgres;
let cms: RunningCms;

beforeAll(async () => {
  pg = await startPostgres();
  cms = await startCms({ database: pg.env, content: fixtureContent });
});

afterAll(async () => {
  await cms?.stop();
  await pg?.stop();
});

describe('the CMS on PostgreSQL', () => {
  it('runs on PostgreSQL, with the content loaded', async () => {
    const db = (cms.strapi as unknown as { db: { dialect: { client: string } } }).db;
    expect(db.dialect.client).toBe('postgres');
    const { data } = await graphql(cms.url, '{ annualReports { title templateVersion } policyItems_connection { pageInfo { total } } }');
    expect(data.annualReports.map((r: { title: string }) => r.title)).toEqual(
      expect.arrayContaining(Object.values(FIXTURE.reports).map((r) => r.title)),
    );
    expect(data.policyItems_connection.pageInfo.total).toBe(FIXTURE.publishedPolicies);
  });

  it('shows anonymous callers no draft', async () => {
    const { data } = await graphql(cms.url, '{ policyItems(status: DRAFT) { title interpretations { title } } }');
    const text = JSON.stringify(data);
    expect(data.policyItems.length).toBeGreaterThan(0);
    expect(text).not.toContain(NEVER_PUBLIC_MARK);
  });

  it('refuses an invalid report and stores nothing', async () => {
    const reports = cms.strapi.documents('api::annual-report.annual-report');
    const before = await cms.strapi.db.query('api::annual-report.annual-report').count({});
    await expect(
      reports.create({
        data: {
          year: 2021,
          reviewTable: { cases: { reviewMaintained: 2, reviewCorrected: 0, reviewOther: 0, reviewPending: 0, reviewTotal: 1 } },
        },
      }),
    ).rejects.toThrow('表四 行政复议 总计：应为 2（结果维持、结果纠正、其他结果、尚未审结之和），实为 1');
    expect(await cms.strapi.db.query('api::annual-report.annual-report').count({})).toBe(before);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { comparableFigures, reportTemplates, tableCells, type TableData, type TemplateVersion } from '@portal/shared';
import { education2021 } from '../../cms/src/demo/content.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { startNginx, type RunningNginx } from '../helpers/nginx.ts';
import { freePort } from '../helpers/portal.ts';
import { reservePorts, startPublisher, type RunningPublisher } from '../helpers/publisher.ts';
import { csvRecords } from '../helpers/csv.ts';

/*
 * 年度报告数据对比 (/reports/compare/) through the publisher and the release's renderer: the
 * figures of the table and of the CSV are the published reports' cells as an anonymous GraphQL
 * client reads them, summed here from the template keys written out by hand (not by the code
 * under test); a figure a year's format lacks says so; 原样归档 is marked; drafts are absent;
 * hostile addresses get a Chinese answer, never a 500; and the table reads on a 360 px phone.
 */

const REPORT = 'api::annual-report.annual-report';

/** Every cell of a format's table set to 0, then the given cells (R1–R4 are kept by the values chosen). */
function tables(version: TemplateVersion, set: Record<string, Record<string, Record<string, number | null>>>) {
  const out: Record<string, TableData> = {};
  for (const table of reportTemplates[version].tables) {
    const data: TableData = {};
    for (const { row, column } of tableCells(table)) (data[row] ??= {})[column] = 0;
    for (const [row, cells] of Object.entries(set[table.field] ?? {})) data[row] = { ...data[row], ...cells };
    out[table.field] = data;
  }
  return out;
}
const people = (n: number) => ({ naturalPerson: n, total: n });
const texts = {
  overview: education2021.overview,
  overviewProactive: education2021.overviewProactive,
  overviewOnRequest: education2021.overviewOnRequest,
  overviewManagement: education2021.overviewManagement,
  overviewPlatform: education2021.overviewPlatform,
  overviewSupervision: education2021.overviewSupervision,
  problems: education2021.problems,
  otherMatters: education2021.otherMatters,
};

const education2020 = {
  ...texts,
  year: 2020,
  templateVersion: '2019',
  title: '临淄区教育和体育局2020年政府信息公开工作年度报告',
  publishDate: '2021-01-25',
  ...tables('2019', {
    proactiveTable: {
      normativeDocuments: { newlyMade: 4, newlyPublished: 4, totalPublished: 9 },
      licensing: { decisions: 120 },
      penalties: { decisions: 7 },
    },
    requestTable: {
      newRequests: people(5),
      disclosed: people(2),
      partiallyDisclosed: people(1),
      withheldStateSecret: people(1),
      unavailableNotHeld: people(1),
      handledTotal: people(5),
    },
    reviewTable: {
      cases: {
        reviewCorrected: 1,
        reviewMaintained: 2,
        reviewTotal: 3,
        directMaintained: 1,
        directTotal: 1,
        afterReviewPending: 2,
        afterReviewTotal: 2,
      },
    },
  }),
};

const education2022 = {
  ...texts,
  year: 2022,
  templateVersion: '2021',
  title: '临淄区教育和体育局2022年政府信息公开工作年度报告',
  publishDate: '2023-01-20',
  ...tables('2021', {
    proactiveTable: {
      rules: { issued: null, repealed: null, inForce: null },
      normativeDocuments: { issued: 2, repealed: 1, inForce: 13 },
      licensing: { decisions: 400 },
      penalties: { decisions: null },
    },
    requestTable: {
      newRequests: people(7),
      carriedOver: people(1),
      disclosed: people(3),
      partiallyDisclosed: people(2),
      withheldThirdParty: people(1),
      withheldProcessInfo: people(1),
      otherHandlingOther: people(1),
      handledTotal: people(8),
    },
    reviewTable: { cases: { reviewCorrected: 2, reviewTotal: 2 } },
  }),
};

/** As a county printed it: （七）总计 leaves out the one application under （六）3.其他 (tests/portal/archive-notice.test.ts). */
const jixia2021 = {
  year: 2021,
  templateVersion: '2021',
  title: '临淄区稷下街道办事处2021年政府信息公开工作年度报告',
  publishDate: '2022-01-20',
  archivedAsPublished: true,
  ...tables('2021', {
    requestTable: { otherHandlingOther: people(1), newRequests: people(1), carriedForward: people(1) },
  }),
};

/** A draft: the public, and so the comparison, must never see it. */
const linziDraft = {
  ...texts,
  year: 2021,
  templateVersion: '2021',
  title: '临淄区人民政府2021年政府信息公开工作年度报告（草稿）',
  publishDate: '2022-03-01',
  ...tables('2021', { requestTable: { newRequests: people(99), handledTotal: people(99), disclosed: people(99) } }),
};

// ── The oracle: which cells each figure sums, written out from docs/domain.md §3 ─────────────

type Cells = Array<[row: string, column: string]>;
const withheld = [
  'StateSecret',
  'ProhibitedByLaw',
  'SecurityStability',
  'ThirdParty',
  'InternalAffairs',
  'ProcessInfo',
  'EnforcementFile',
  'AdministrativeQuery',
];
const oracle: Record<string, { table: 'proactiveTable' | 'requestTable' | 'reviewTable'; cells: Record<TemplateVersion, Cells | null> }> = {
  newRequests: { table: 'requestTable', cells: { '2019': [['newRequests', 'total']], '2021': [['newRequests', 'total']] } },
  disclosed: { table: 'requestTable', cells: { '2019': [['disclosed', 'total']], '2021': [['disclosed', 'total']] } },
  partiallyDisclosed: {
    table: 'requestTable',
    cells: { '2019': [['partiallyDisclosed', 'total']], '2021': [['partiallyDisclosed', 'total']] },
  },
  withheld: {
    table: 'requestTable',
    cells: { '2019': withheld.map((w) => [`withheld${w}`, 'total']), '2021': withheld.map((w) => [`withheld${w}`, 'total']) },
  },
  otherHandling: {
    table: 'requestTable',
    cells: {
      '2019': [['otherHandling', 'total']],
      '2021': [
        ['otherNoCorrection', 'total'],
        ['otherUnpaidFee', 'total'],
        ['otherHandlingOther', 'total'],
      ],
    },
  },
  otherNoCorrection: { table: 'requestTable', cells: { '2019': null, '2021': [['otherNoCorrection', 'total']] } },
  reviewCorrected: { table: 'reviewTable', cells: { '2019': [['cases', 'reviewCorrected']], '2021': [['cases', 'reviewCorrected']] } },
  reviewMaintained: { table: 'reviewTable', cells: { '2019': [['cases', 'reviewMaintained']], '2021': [['cases', 'reviewMaintained']] } },
  reviewTotal: { table: 'reviewTable', cells: { '2019': [['cases', 'reviewTotal']], '2021': [['cases', 'reviewTotal']] } },
  litigationTotal: {
    table: 'reviewTable',
    cells: {
      '2019': [
        ['cases', 'directTotal'],
        ['cases', 'afterReviewTotal'],
      ],
      '2021': [
        ['cases', 'directTotal'],
        ['cases', 'afterReviewTotal'],
      ],
    },
  },
  normativeIssued: { table: 'proactiveTable', cells: { '2019': null, '2021': [['normativeDocuments', 'issued']] } },
  normativeRepealed: { table: 'proactiveTable', cells: { '2019': null, '2021': [['normativeDocuments', 'repealed']] } },
  penaltyDecisions: { table: 'proactiveTable', cells: { '2019': [['penalties', 'decisions']], '2021': [['penalties', 'decisions']] } },
};

type GqlReport = {
  agency: { slug: string; name: string };
  year: number;
  templateVersion: TemplateVersion;
  archivedAsPublished: boolean | null;
  proactiveTable: TableData;
  requestTable: TableData;
  reviewTable: TableData;
};

/** What a figure of a report must read: a number, '/' (every cell 不适用) or 'missing' (the format has no such item). */
function expected(figure: string, report: GqlReport): number | '/' | 'missing' {
  const { table, cells } = oracle[figure]!;
  const own = cells[report.templateVersion];
  if (!own) return 'missing';
  const values = own.map(([row, column]) => report[table][row]![column]);
  if (values.every((v) => v === null)) return '/';
  return values.reduce<number>((a, v) => a + (v as number), 0);
}

// ── Reading the answers ─────────────────────────────────────────────────────────────────────

/** The page's tables: figure → agency → year → the cell's text. */
function pageTables(html: string): Map<string, Map<string, Map<number, string>>> {
  const out = new Map<string, Map<string, Map<number, string>>>();
  for (const [, figure, body] of html.matchAll(/<table class="report-table compare-table" data-figure="([^"]+)">([\s\S]*?)<\/table>/g)) {
    const rows = new Map<string, Map<number, string>>();
    for (const [, agency, cells] of body!.matchAll(/<tr data-agency="([^"]+)">([\s\S]*?)<\/tr>/g)) {
      const years = new Map<number, string>();
      for (const [, year, text] of cells!.matchAll(/<td data-year="(\d+)"[^>]*>([\s\S]*?)<\/td>/g))
        years.set(Number(year), text!.replace(/<[^>]+>/g, '').trim());
      rows.set(agency!, years);
    }
    out.set(figure!, rows);
  }
  return out;
}

let cms: RunningCms;
let publisher: RunningPublisher;
let nginx: RunningNginx;
let published: GqlReport[];
const figureLabel = (id: string) => comparableFigures.find((f) => f.id === id)!.label;
const get = async (pathAndQuery: string, base = publisher.portalUrl) => {
  const response = await fetch(`${base}${pathAndQuery}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    bytes,
    // Without the byte-order mark, as response.text() gives it; `bytes` keeps it.
    body: new TextDecoder().decode(bytes),
    type: response.headers.get('content-type') ?? '',
    headers: response.headers,
  };
};

beforeAll(async () => {
  cms = await startCms();
  const agencies = cms.strapi.documents('api::agency.agency');
  const agencyId = async (slug: string) => (await agencies.findFirst({ filters: { slug } }))!.documentId;
  const jixia = await agencies.create({
    data: { name: '临淄区稷下街道办事处', slug: 'jixia', kind: 'town' },
    status: 'published',
  } as never);
  const reports = cms.strapi.documents(REPORT);
  for (const [agency, data, status] of [
    [await agencyId('education'), education2020, 'published'],
    [await agencyId('education'), education2022, 'published'],
    [jixia.documentId, jixia2021, 'published'],
    [await agencyId('linzi'), linziDraft, undefined],
  ] as const) {
    await reports.create({ data: { ...data, agency }, ...(status ? { status } : {}) } as never);
  }
  const answer = await graphql<{ annualReports: GqlReport[] }>(
    cms.url,
    `
      {
        annualReports(pagination: { pageSize: 100 }) {
          agency {
            slug
            name
          }
          year
          templateVersion
          archivedAsPublished
          proactiveTable
          requestTable
          reviewTable
        }
      }
    `,
  );
  if (!answer.data) throw new Error(`GraphQL：${JSON.stringify(answer.errors)}`);
  published = answer.data.annualReports;
  const rendererPort = await freePort();
  publisher = await startPublisher({
    cmsUrl: cms.url,
    secret: 'compare-secret',
    ports: await reservePorts(),
    env: { RENDERER_PORT: String(rendererPort) },
  });
  const status = await publisher.settled();
  if (!status.lastBuild?.ok) throw new Error(`构建失败：${status.lastBuild?.error}`);
  nginx = await startNginx({ root: path.join(publisher.dir, 'current', 'client'), rendererPort });
});

afterAll(async () => {
  await nginx?.stop();
  await publisher?.stop();
  await cms?.stop();
});

describe('the comparison of published reports', () => {
  it('the demo and the added reports span agencies, years and both formats; the draft is not public', () => {
    expect(published.map((r) => `${r.agency.slug} ${r.year} ${r.templateVersion}`).sort()).toEqual([
      'education 2020 2019',
      'education 2021 2021',
      'education 2022 2021',
      'jingzhong 2020 2019',
      'jixia 2021 2021',
    ]);
  });

  it('the table shows each figure of each report as its cells read over GraphQL, and says where a format has no such item', async () => {
    const page = await get(
      `/reports/compare/?view=table&${Object.keys(oracle)
        .map((f) => `row=${f}`)
        .join('&')}`,
    );
    expect(page.status).toBe(200);
    const shown = pageTables(page.body);
    expect([...shown.keys()]).toEqual(comparableFigures.map((f) => f.id).filter((id) => id in oracle));
    for (const figure of Object.keys(oracle)) {
      const rows = shown.get(figure)!;
      expect([...rows.keys()].sort()).toEqual(['education', 'jingzhong', 'jixia']);
      for (const [agency, years] of rows) {
        expect([...years.keys()]).toEqual([2020, 2021, 2022]);
        for (const [year, text] of years) {
          const report = published.find((r) => r.agency.slug === agency && r.year === year);
          const want = report ? expected(figure, report) : undefined;
          const as = `${figure} ${agency} ${year}`;
          if (want === undefined) expect(text, as).toBe('无已发布报告');
          else if (want === 'missing') expect(text, as).toContain('该年度模板无此项');
          else expect(text, as).toBe(String(want));
        }
      }
    }
    // The cases the oracle must have met at least once each.
    expect(shown.get('normativeIssued')!.get('jingzhong')!.get(2020)).toContain('该年度模板无此项');
    expect(shown.get('normativeIssued')!.get('education')!.get(2022)).toBe('2');
    expect(shown.get('penaltyDecisions')!.get('education')!.get(2022)).toBe('/');
    expect(shown.get('withheld')!.get('education')!.get(2022)).toBe('2');
    expect(shown.get('otherHandling')!.get('jixia')!.get(2021)).toBe('1');
  });

  it('marks 原样归档 in the 备注 column of the table', async () => {
    const page = await get('/reports/compare/?view=table&row=newRequests');
    const row = /<tr data-agency="jixia">([\s\S]*?)<\/tr>/.exec(page.body)![1]!;
    expect(row).toMatch(/<td class="compare-remark">2021年度报告为原样归档/);
    expect(/<tr data-agency="education">([\s\S]*?)<\/tr>/.exec(page.body)![1]).toMatch(/<td class="compare-remark"><\/td>/);
  });

  it('the CSV holds the same figures, long and tidy, with Chinese headers only and 原样归档 in 备注', async () => {
    const csv = await get('/reports/compare/data.csv');
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = csvRecords(csv.body);
    expect(header).toEqual(['机构', '年度', '表', '指标', '数值', '备注']);
    const names = new Map(published.map((r) => [r.agency.name, r.agency.slug]));
    for (const figure of Object.keys(oracle)) {
      for (const report of published) {
        const line = lines.find((l) => l[0] === report.agency.name && l[1] === String(report.year) && l[3] === figureLabel(figure));
        const as = `${figure} ${report.agency.slug} ${report.year}`;
        expect(line, as).toBeDefined();
        const want = expected(figure, report);
        if (want === 'missing') expect([line![4], line![5]], as).toEqual(['', expect.stringContaining('该年度模板无此项')]);
        else if (want === '/') expect([line![4], line![5]], as).toEqual(['', expect.stringMatching(/^不适用/)]);
        else expect(line![4], as).toBe(String(want));
        expect(line![2]).toBe(
          `表${oracle[figure]!.table === 'proactiveTable' ? '二' : oracle[figure]!.table === 'requestTable' ? '三' : '四'}`,
        );
        expect(line![5]!.includes('原样归档'), as).toBe(report.archivedAsPublished === true);
      }
    }
    // An agency's year without a report is one line saying so; every other line is a report's.
    const noReport = lines.filter((l) => l[5] === '该年度无已发布的年度报告').map((l) => `${names.get(l[0]!)} ${l[1]}`);
    expect(noReport.sort()).toEqual(['jingzhong 2021', 'jingzhong 2022', 'jixia 2020', 'jixia 2022']);
    expect(lines).toHaveLength(published.length * comparableFigures.length + noReport.length);
    for (const cell of lines.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('how long an answer takes (logged for docs/benchmarks.md, never asserted)', () => {
  it('times 21 requests each of a page and a CSV of everything and of one figure, through the publisher', async () => {
    const median = async (pathAndQuery: string) => {
      const times: number[] = [];
      for (let i = 0; i < 21; i++) {
        const start = performance.now();
        const { status } = await get(pathAndQuery);
        times.push(performance.now() - start);
        expect(status).toBe(200);
      }
      return times.sort((a, b) => a - b)[10]!.toFixed(1);
    };
    const figures = {
      everythingPage: await median('/reports/compare/?view=table'),
      everythingCsv: await median('/reports/compare/data.csv'),
      onePage: await median('/reports/compare/?agency=education&row=disclosed'),
      staticPage: await median('/reports/'),
    };
    console.log(`compare (median ms of 21): ${JSON.stringify(figures)}`);
  });
});

describe('behind nginx, with the shipped configuration', () => {
  it('passes the page, the CSV and the Chinese refusals through to the renderer', async () => {
    const page = await get('/reports/compare/?agency=education&row=disclosed', nginx.url);
    expect(page.status).toBe(200);
    expect(pageTables(page.body).get('disclosed')!.get('education')!.get(2022)).toBe('3');
    const csv = await get('/reports/compare/data.csv?agency=education&row=disclosed&year=2022', nginx.url);
    expect([csv.status, csv.type]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(csv.body).toContain(`临淄区教育和体育局,2022,表三,${figureLabel('disclosed')},3,`);
    const refused = await get(`/reports/compare/?agency=${encodeURIComponent('<script>alert(1)</script>')}`, nginx.url);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('未找到机构：“&lt;script&gt;alert(1)&lt;/script…”');
    const cut = await get('/reports/compare/?agency=%ED%A0%80', nginx.url);
    expect(cut.status).toBe(400);
    expect(cut.body).toMatch(/^地址中含有无法识别的字符/);
    // The site's security headers reach these answers too, and nothing names the server behind.
    for (const answer of [page, csv, refused, cut]) {
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('hostile addresses', () => {
  const script = '<script>alert(1)</script>';
  const img = '"><img src=x onerror=alert(1)>';
  const cases: Array<[name: string, query: string, message: RegExp]> = [
    ['unknown agency', 'agency=nobody', /未找到机构：“nobody”/],
    ['unknown year', 'year=1999', /未找到年度：“1999”。可选的年度为 2020、2021、2022/],
    ['a year that is no number', 'year=二〇二一', /未找到年度/],
    ['unknown row', 'row=salary', /未找到指标：“salary”/],
    [
      'script in every parameter',
      `agency=${encodeURIComponent(script)}&year=${encodeURIComponent(script)}&row=${encodeURIComponent(script)}&view=${encodeURIComponent(script)}`,
      /未找到机构/,
    ],
    [
      'attribute break-out in every parameter',
      `agency=${encodeURIComponent(img)}&year=${encodeURIComponent(img)}&row=${encodeURIComponent(img)}`,
      /未找到指标/,
    ],
    ['a 5,000-character value', `agency=${'x'.repeat(5000)}&row=${encodeURIComponent('好'.repeat(500))}`, /未找到机构：“x{24}…”/],
    // A browser sends a lone surrogate of a form field as U+FFFD (WHATWG URL encoding).
    [
      'a lone surrogate as a browser sends it',
      `agency=${encodeURIComponent('\uFFFD')}&row=a${encodeURIComponent('\uFFFD')}`,
      /未找到机构：“\uFFFD”/,
    ],
    ['1,000 repeated unknown values', Array.from({ length: 1000 }, () => 'agency=x').join('&'), /未找到机构：“x”。/],
    ['1,000 distinct unknown values', Array.from({ length: 1000 }, (_, i) => `row=r${i}`).join('&'), /参数“row”的取值过多（1000 个）/],
  ];

  for (const [name, query, message] of cases) {
    it(`${name}: the page answers 400 in Chinese, escaped, no stack, and keeps the form`, async () => {
      const page = await get(`/reports/compare/?${query}`);
      expect(page.status).toBe(400);
      expect(page.body).toMatch(message);
      expect(page.body).toContain('<form method="get" action="/reports/compare/"');
      expect(page.body).not.toContain('<script>alert');
      expect(page.body).not.toContain('<img src=x');
      expect(page.body).not.toMatch(/at [\w.]+ \(|node_modules|Error:/);
      expect(page.body.length).toBeLessThan(60_000);
    });
    it(`${name}: the CSV answers 400 with the reason as text, no partial file`, async () => {
      const csv = await get(`/reports/compare/data.csv?${query}`);
      expect(csv.status).toBe(400);
      expect(csv.type).toBe('text/plain; charset=utf-8');
      expect(csv.body).toMatch(/^无法生成对比数据：/);
      expect(csv.body).toMatch(message);
      expect(csv.body).not.toMatch(/at [\w.]+ \(|node_modules/);
      expect(csv.body.length).toBeLessThan(2_000);
    });
  }

  it('percent-escapes that are no UTF-8 (a lone surrogate, a cut character) get a Chinese 400 from the renderer', async () => {
    for (const query of ['agency=%ED%A0%80', 'row=%uD800', 'year=%F0%9F', 'agency=%']) {
      for (const pathname of ['/reports/compare/', '/reports/compare/data.csv']) {
        const answer = await get(`${pathname}?${query}`);
        expect(answer.status, `${pathname}?${query}`).toBe(400);
        expect(answer.body).toMatch(/^地址中含有无法识别的字符/);
      }
    }
    expect((await get('/reports/compare/?row=disclosed')).status).toBe(200);
  });

  it('an address longer than the servers take is refused before the page, and the renderer lives on', async () => {
    const answer = await get(`/reports/compare/?${Array.from({ length: 1000 }, () => `agency=${encodeURIComponent(script)}`).join('&')}`);
    expect(answer.status).toBe(431);
    expect(answer.body).toMatch(/^请求头过大/);
    expect((await get('/reports/compare/?row=disclosed')).status).toBe(200);
  });

  it('1,000 repetitions of a known value count once', async () => {
    const page = await get(`/reports/compare/?${Array.from({ length: 1000 }, () => 'year=2021').join('&')}&row=disclosed`);
    expect(page.status).toBe(200);
    const shown = pageTables(page.body);
    expect([...shown.get('disclosed')!.get('education')!.keys()]).toEqual([2021]);
  });

  it('a CSV of everything is bounded by what can be chosen', async () => {
    const csv = await get(`/reports/compare/data.csv?view=${'x'.repeat(5000)}`);
    expect(csv.status).toBe(200);
    const lines = csvRecords(csv.body);
    const agencies = new Set(published.map((r) => r.agency.slug)).size;
    const years = new Set(published.map((r) => r.year)).size;
    expect(lines.length - 1).toBeLessThanOrEqual(agencies * years * comparableFigures.length);
    expect(csv.body.length).toBeLessThan(100_000);
  });

  it('a POST is refused in Chinese (the form is GET, so an address can be shared)', async () => {
    for (const pathname of ['/reports/compare/?row=disclosed', '/reports/compare/data.csv?row=disclosed']) {
      const response = await fetch(`${publisher.portalUrl}${pathname}`, { method: 'POST', body: 'agency=education' });
      expect(response.status, pathname).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(await response.text()).toContain('请使用页面上的表单查询');
    }
  });
});

describe('in Chromium without JavaScript at 360 px', () => {
  let browser: { context: BrowserContext; close: () => Promise<void> };
  beforeAll(async () => {
    browser = await launchBrowser({ javaScript: false });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is found from the reports list and an agency page, and the form makes a legible table and a CSV', async () => {
    const tab = await browser.context.newPage();
    await tab.setViewportSize({ width: 360, height: 800 });
    await tab.goto(`${publisher.portalUrl}/agencies/education/`);
    expect(await tab.getByRole('link', { name: '对比各机构、各年度数据' }).getAttribute('href')).toBe(
      '/reports/compare/?agency=education&view=table',
    );
    await tab.goto(`${publisher.portalUrl}/reports/`);
    await tab.getByRole('link', { name: '对比各机构、各年度数据' }).click();
    expect(new URL(tab.url()).pathname).toBe('/reports/compare/');

    await tab.getByLabel('临淄区教育和体育局').check();
    await tab.getByLabel('临淄区稷下街道办事处').check();
    await tab.getByLabel('（一）予以公开 · 总计').check();
    await tab.getByLabel('行政规范性文件 · 本年制发件数').check();
    await tab.getByRole('button', { name: '生成对比表' }).click();
    const url = new URL(tab.url());
    expect(url.searchParams.getAll('agency')).toEqual(['education', 'jixia']);
    // In the form's order: 表二 before 表三.
    expect(url.searchParams.getAll('row')).toEqual(['normativeIssued', 'disclosed']);

    const table = tab.locator('table[data-figure="normativeIssued"]');
    await expect.poll(() => table.isVisible()).toBe(true);
    expect(await table.locator('tr[data-agency="education"] td[data-year="2020"]').innerText()).toContain('该年度模板无此项');
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The agency's name stays in view while the years scroll under it.
    const scroller = table.locator('xpath=ancestor::div[contains(@class,"table-scroll")]');
    const label = table.locator('tr[data-agency="jixia"] th[scope="row"]');
    const sizes = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    const figure = table.locator('tr[data-agency="jixia"] td[data-year="2022"]');
    const before = { label: (await label.boundingBox())!, figure: (await figure.boundingBox())! };
    await scroller.evaluate((el) => el.scrollBy(400, 0));
    const after = { label: (await label.boundingBox())!, figure: (await figure.boundingBox())! };
    // The figures moved under the label; the label stayed (within the table's 1 px border that scrolls away).
    expect(before.figure.x - after.figure.x).toBeGreaterThan(50);
    expect(Math.abs(after.label.x - before.label.x)).toBeLessThanOrEqual(1);
    expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await label.innerText()).toBe('临淄区稷下街道办事处');

    // The same choices as CSV, from the form's other button.
    const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('button', { name: '下载 CSV' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('机构,年度,表,指标,数值,备注');
    expect(text).toContain(`临淄区教育和体育局,2022,表二,${figureLabel('normativeIssued')},2,`);
    await tab.close();
  });

  it('has no axe violations on a result page', async () => {
    const context = await launchBrowser();
    try {
      const tab = await context.context.newPage();
      await tab.setViewportSize({ width: 360, height: 800 });
      await tab.goto(`${publisher.portalUrl}/reports/compare/?view=table&row=disclosed&row=normativeIssued`);
      await tab.addScriptTag({ content: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
      const violations = await tab.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: Array<{ id: string }> }> } }).axe;
        return (await axe.run(document)).violations.map((v) => v.id);
      });
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the release’s own content, never the CMS live', () => {
  it('a report published in the CMS is compared only once a release is built with it', async () => {
    const agency = (await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: 'linzi' } }))!.documentId;
    await cms.strapi
      .documents(REPORT)
      .create({ data: { ...linziDraft, title: '临淄区人民政府2021年政府信息公开工作年度报告', agency }, status: 'published' } as never);
    // Published in the CMS, no webhook yet: the live release knows nothing of it.
    const stale = await get('/reports/compare/data.csv?row=newRequests&year=2021');
    expect(stale.status).toBe(200);
    expect(stale.body).not.toContain('临淄区人民政府,');
    expect((await get('/reports/compare/?agency=linzi')).status).toBe(400);

    const last = (await publisher.status()).lastBuild?.id ?? null;
    expect((await publisher.signal({ event: 'entry.publish', model: 'annual-report' })).status).toBeLessThan(300);
    expect((await publisher.settled(last)).lastBuild?.ok).toBe(true);
    const fresh = await get('/reports/compare/data.csv?agency=linzi&row=newRequests&year=2021');
    expect(fresh.status).toBe(200);
    expect(fresh.body).toContain(`临淄区人民政府,2021,表三,${figureLabel('newRequests')},99,`);
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import ExcelJS from 'exceljs';
import {
  layoutTable,
  parseReportsCsv,
  placeCells,
  reportTemplates,
  type OpenDataReport,
  type TableData,
  type TableField,
} from '@portal/shared';
import { XLSX_FIRST_TABLE_ROW } from '../../site/src/lib/xlsx.ts';
import { usePortal, withoutCareModeScript } from '../helpers/portal-suite.ts';
import { SEARCHABLE_PAGES } from '../../site/src/integrations/pagefind.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { readResults, searchFor, settled } from '../helpers/search-page.ts';

/*
 * The whole pipeline as the README's command runs it: a CMS holding the demo content, the portal
 * built from it over GraphQL and indexed by Pagefind, served by the Node adapter, read and searched
 * in a real Chromium.
 */

const suite = usePortal();

const page = async (pathname: string) => {
  const { status, body } = await suite.fetchPage(pathname);
  return { status, html: body };
};

/** Cell texts of one table, row by row, as a screen reader or parser would read them. */
function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim()),
  );
}

describe('the portal built from the CMS', () => {
  it('renders the 敬仲镇 2020 report with its three tables in the 2019 layout', async () => {
    const { status, html } = await page('/reports/jingzhong/2020/');
    expect(status).toBe(200);
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain('临淄区敬仲镇人民政府2020年政府信息公开工作年度报告');
    expect(html).toContain('2020年共收到和处理政府信息公开申请0件');
    expect(html).toContain('国办公开办函〔2019〕60号');

    const proactive = tableRows(html, 'table-proactiveTable');
    expect(proactive.map((r) => r[0])).toEqual(expect.arrayContaining(['第二十条第（九）项', '政府集中采购', '其他对外管理服务事项']));
    expect(proactive.find((r) => r[0] === '行政许可')).toEqual(['行政许可', '0', '0', '0']);
    // The 2019 form gives 采购总金额 no unit: the table says the report's (元 when none is stored).
    expect(proactive.find((r) => r[0] === '信息内容' && r.includes('采购项目数量'))).toEqual([
      '信息内容',
      '采购项目数量',
      '采购总金额（单位：元）',
    ]);
    expect(html).toMatch(/<td[^>]*data-column="totalAmount"[^>]*data-unit="元"/);

    const requests = tableRows(html, 'table-requestTable');
    // 3 header rows, 23 data rows (2019 layout), 7 figures each, all 0 as the report says.
    expect(requests).toHaveLength(26);
    expect(requests[0]![0]).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(requests[2]).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    expect(requests[3]).toEqual(['一、本年新收政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0']);
    expect(requests.at(-1)).toEqual(['四、结转下年度继续办理', '0', '0', '0', '0', '0', '0', '0']);
    expect(html).toContain('<th scope="rowgroup" rowspan="20">三、本年度办理结果</th>');
    expect(html).toContain('<th scope="rowgroup" rowspan="8">（三）不予公开</th>');

    const reviews = tableRows(html, 'table-reviewTable');
    expect(reviews[0]).toEqual(['行政复议', '行政诉讼']);
    expect(reviews.at(-1)).toEqual(Array(15).fill('0'));
    expect(html).toContain('<th scope="colgroup" colspan="10">行政诉讼</th>');
  });

  it('renders a 2021-format report, 不适用 distinct from 0', async () => {
    const { html } = await page('/reports/education/2021/');
    const proactive = tableRows(html, 'table-proactiveTable');
    expect(proactive.find((r) => r[0] === '规章')).toEqual(['规章', '/', '/', '/']);
    expect(proactive.find((r) => r[0] === '行政规范性文件')).toEqual(['行政规范性文件', '3', '1', '12']);
    expect(proactive.map((r) => r[0])).not.toContain('第二十条第（九）项');
    const requests = tableRows(html, 'table-requestTable');
    expect(requests).toHaveLength(3 + 25);
    expect(requests.find((r) => r[0] === '（七）总计')).toEqual(['（七）总计', '8', '2', '0', '0', '0', '0', '10']);
  });

  it('shows a policy with its metadata, its validity and its interpretations', async () => {
    const { html: list } = await page('/policies/');
    const href = /href="(\/policies\/[^"]+\/)">临淄区农村宅基地管理办法（试行）</.exec(list)?.[1];
    expect(href).toBeDefined();
    const { html } = await page(href!);
    for (const [label, value] of [
      ['索引号', '11370305004326100A/2019-00008'],
      ['文号', '临政发〔2019〕8号'],
      ['发布机构', '临淄区人民政府'],
      ['成文日期', '2019年3月20日'],
      ['主题分类', '国土资源、能源\\土地'],
      ['有效性', '废止'],
      ['废止日期', '2021年6月30日'],
    ]) {
      expect(html).toContain(`<th scope="row">${label}</th><td>${value}</td>`);
    }
    expect(html).toContain('本文件废止（2021年6月30日起）');

    const workPoints = /href="(\/policies\/[^"]+\/)">临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知</.exec(list)![1]!;
    const policy = await page(workPoints);
    expect(policy.html).toContain('<td>临政办发〔2021〕17号</td>');
    const interpretation = /href="(\/interpretations\/[^"]+\/)">图解：临淄区2021年政务公开工作要点</.exec(policy.html)?.[1];
    expect(interpretation).toBeDefined();
    // …and back from the interpretation to its policy.
    expect((await page(interpretation!)).html).toContain(`href="${workPoints}"`);
  });

  it('shows each agency’s disclosure guide with its contact fields', async () => {
    const { status, html } = await page('/agencies/jingzhong/guide/');
    expect(status).toBe(200);
    expect(html).toContain('临淄区敬仲镇人民政府政府信息公开指南');
    expect(html).toContain('更新于 <time datetime="2020-12-23">2020年12月23日</time>');
    for (const [label, value] of [
      ['受理机构', '敬仲镇党政办公室（政务公开办公室）'],
      ['联系电话', '<a href="tel:05330000206">0533-0000206</a>（演示号码）'],
      ['传真号码', '无'],
      ['电子邮箱', '<a href="mailto:jingzhong-gk@example.cn">jingzhong-gk@example.cn</a>'],
    ]) {
      expect(html).toContain(`<th scope="row">${label}</th><td>${value}</td>`);
    }
    expect(html).toMatch(/<th scope="row">办公时间<\/th><td>周一至周五/);
  });

  // That no draft reaches any page is checked on the tests' own content: tests/portal/never-public.test.ts.
  it('puts no client script on a page but search and the 关怀模式 toggle', () => {
    const files = readdirSync(suite.built().clientDir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && f.name.endsWith('.html'))
      .map((f) => path.join(f.parentPath, f.name));
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      if (!file.endsWith(path.join('search', 'index.html'))) expect(withoutCareModeScript(html), file).not.toMatch(/<script/);
    }
  });

  it('shows an agency’s key figures across the years of its reports', async () => {
    const { html } = await page('/agencies/education/');
    const figures = /<table class="report-table key-figures">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    expect(figures).toContain(
      '<th scope="col">新收申请</th><th scope="col">予以公开</th><th scope="col">部分公开</th><th scope="col">行政复议</th><th scope="col">行政诉讼</th>',
    );
    expect(figures.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|')).toContain('|2021|10|6|1|1|0|');
  });

  it('gives the search index every page that marks its main content, and few others to skip', () => {
    const pages = readdirSync(suite.built().clientDir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && f.name.endsWith('.html'))
      .map((f) => ({
        file: path.relative(suite.built().clientDir, path.join(f.parentPath, f.name)),
        html: readFileSync(path.join(f.parentPath, f.name), 'utf8'),
      }));
    const marked = pages.filter((p) => p.html.includes('data-pagefind-body'));
    expect(marked.length).toBeGreaterThan(10);
    for (const { file } of marked) expect(path.matchesGlob(file, SEARCHABLE_PAGES), file).toBe(true);
    const handed = pages.filter((p) => path.matchesGlob(p.file, SEARCHABLE_PAGES));
    expect(handed.length - marked.length).toBeLessThanOrEqual(3);
  });

  it('type-checks, with the content types the build generated', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    // Not spawnSync: a worker blocked for longer than the served portal's keep-alive (5 s) misses
    // the socket's close, and the next test's request fails on the dead connection.
    const result = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'site'],
      { cwd: root, encoding: 'utf8' },
    ).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? String(error) }));
    expect(result.stdout + result.stderr).toBe('');
  });

  it('answers an unknown address with the 404 page', async () => {
    const { status, html } = await page('/policies/no-such-document/');
    expect(status).toBe(404);
    expect(html).toContain('页面未找到');
  });
});

/** The figures of an open-data JSON report as `field → row → column → value`. */
function jsonFigures(report: OpenDataReport): Partial<Record<TableField, TableData>> {
  const out: Partial<Record<TableField, TableData>> = {};
  for (const table of report.tables) {
    for (const row of table.rows) {
      for (const [column, value] of Object.entries(row.cells)) ((out[table.field] ??= {})[row.key] ??= {})[column] = value ?? null;
    }
  }
  return out;
}

/** Reads the figures back out of a report sheet by walking the official layout, as a person reading the form would. */
function sheetFigures(sheet: ExcelJS.Worksheet, version: '2019' | '2021'): Partial<Record<TableField, TableData>> {
  const out: Partial<Record<TableField, TableData>> = {};
  let top = XLSX_FIRST_TABLE_ROW;
  for (const table of reportTemplates[version].tables) {
    expect(String(sheet.getCell(top, 1).value)).toBe(`表${table.number}　${table.title}`);
    top += 1;
    const { cells, height } = placeCells(layoutTable(table));
    for (const { cell, top: r, left: c } of cells) {
      const value = sheet.getCell(top + r, c + 1).value;
      if (cell.type === 'data')
        ((out[table.field] ??= {})[cell.ref.row] ??= {})[cell.ref.column] = value === '/' ? null : (value as number);
      else expect(value).toBe(cell.text);
    }
    top += height + 1;
  }
  return out;
}

describe('open data downloads', () => {
  for (const [slug, year, agency, version] of [
    ['jingzhong', 2020, '临淄区敬仲镇人民政府', '2019'],
    ['education', 2021, '临淄区教育和体育局', '2021'],
  ] as const) {
    it(`round-trips the ${agency} ${year} report through JSON, CSV and XLSX`, async () => {
      const json = (await (await fetch(`${suite.url()}/reports/${slug}/${year}.json`)).json()) as OpenDataReport;
      expect(json.templateVersion).toBe(version);
      expect(json.moneyUnits).toEqual(
        version === '2019' ? { 'proactiveTable.procurement.totalAmount': '元' } : { 'proactiveTable.fees.amount': '万元' },
      );
      expect(json.tables.map((t) => t.number)).toEqual(['二', '三', '四']);
      const figures = jsonFigures(json);
      expect(Object.keys(figures.requestTable!)).toHaveLength(version === '2019' ? 23 : 25);

      const csvResponse = await fetch(`${suite.url()}/reports/${slug}/${year}.csv`);
      const csvBytes = new Uint8Array(await csvResponse.arrayBuffer());
      expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for Excel
      const csv = new TextDecoder().decode(csvBytes);
      // Long layout: a header, then one line per cell the JSON holds.
      const cellCount = json.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + Object.keys(r.cells).length, 0), 0);
      expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + cellCount);
      expect(parseReportsCsv(csv).get(agency)).toEqual(figures);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await (await fetch(`${suite.url()}/reports/${slug}/${year}.xlsx`)).arrayBuffer());
      const sheet = workbook.worksheets[0]!;
      expect(sheetFigures(sheet, version)).toEqual(figures);
      // The official layout: 表三's header merged as the form prints it.
      const merges = (sheet.model as unknown as { merges: string[] }).merges;
      expect(merges).toEqual(expect.arrayContaining([`A${XLSX_FIRST_TABLE_ROW}:D${XLSX_FIRST_TABLE_ROW}`]));
      expect(merges.length).toBeGreaterThan(10);
    });
  }

  it('offers a bulk download per year holding every agency’s report', async () => {
    const bulk = (await (await fetch(`${suite.url()}/open-data/annual-reports/2021.json`)).json()) as {
      year: number;
      reports: OpenDataReport[];
    };
    expect(bulk.year).toBe(2021);
    expect(bulk.reports.map((r) => r.agency.name)).toEqual(['临淄区教育和体育局']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await fetch(`${suite.url()}/open-data/annual-reports/2020.xlsx`)).arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['临淄区敬仲镇人民政府']);
    const csv = await (await fetch(`${suite.url()}/open-data/annual-reports/2020.csv`)).text();
    expect([...parseReportsCsv(csv).keys()]).toEqual(['临淄区敬仲镇人民政府']);
    const { html } = await page('/reports/jingzhong/2020/');
    for (const format of ['json', 'csv', 'xlsx']) expect(html).toContain(`href="/reports/jingzhong/2020.${format}"`);
  });
});

describe('searching the portal in Chromium', () => {
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Types a query into the search page as a visitor would and returns the result links in order. */
  async function search(query: string): Promise<Array<{ href: string; title: string }>> {
    const tab = await browser.context.newPage();
    try {
      return (await searchFor(tab, suite.url(), query)).map(({ href, title }) => ({ href, title }));
    } finally {
      await tab.close();
    }
  }

  it('finds 敬仲镇 and its 2020 report when searching 敬仲镇', async () => {
    const results = await search('敬仲镇');
    // The town's own page (with its 职能, 负责人 and contacts, issue 11) may come first; the report is next to it.
    expect(results.slice(0, 2)).toEqual(
      expect.arrayContaining([
        { href: '/reports/jingzhong/2020/', title: '临淄区敬仲镇人民政府2020年政府信息公开工作年度报告' },
        { href: '/agencies/jingzhong/', title: '临淄区敬仲镇人民政府' },
      ]),
    );
  });

  it('finds the disclosure guides when searching 政府信息公开指南', async () => {
    const pages = (await search('政府信息公开指南')).map((r) => r.href);
    expect(pages.slice(0, 8)).toEqual(expect.arrayContaining(['/agencies/jingzhong/guide/', '/agencies/education/guide/']));
  });

  it('finds a policy first by its document number', async () => {
    const results = await search('临政办发〔2021〕17号');
    expect(results[0]?.title).toBe('临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知');
  });

  it('starts the search from the header’s search box on any page', async () => {
    const tab = await browser.context.newPage();
    try {
      await tab.goto(`${suite.url()}/policies/`);
      await tab.getByRole('searchbox', { name: '搜索本站' }).fill('敬仲镇');
      await tab.getByRole('button', { name: '搜索' }).click();
      await tab.waitForURL(/\/search\/\?q=/);
      await settled(tab);
      expect((await readResults(tab))[0]?.title).toContain('敬仲镇');
    } finally {
      await tab.close();
    }
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsDistDir, startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { fetchAll } from '../../site/src/loaders/client.ts';
import { PolicyItemsDocument } from '../../site/src/graphql/generated/operations.ts';
import { csv, HEADERS, row, zip } from './catalog-fixtures.ts';

/*
 * The catalogue import against a real Strapi (temporary SQLite, demo content): the dry run's
 * report, the bulk write path (rows as the Document Service makes them, readable over the public
 * GraphQL and by the portal's loaders, editable and republishable afterwards), idempotency by
 * 索引号, batches that are all-or-nothing and a rerun that resumes, and hostile files.
 */

const POLICY = 'api::policy-item.policy-item';
const require = createRequire(import.meta.url);
type Report = {
  ok: boolean;
  fatal?: string;
  rows: number;
  valid: number;
  created: number;
  updated: number;
  batches: number;
  problems: Array<{ row: number; column: string; severity: string; message: string }>;
};
type ImportCatalog = (strapi: unknown, options: Record<string, unknown>) => Promise<Report>;

let cms: RunningCms;
let importCatalog: ImportCatalog;
let dir: string;
let attachments: string;
const knex = () => (cms.strapi as any).db.connection;

function file(name: string, content: string | Buffer): string {
  const full = path.join(dir, name);
  writeFileSync(full, content);
  return full;
}

async function policyRows(): Promise<number> {
  const [{ n }] = await knex()('policy_items').count({ n: '*' });
  return Number(n);
}

beforeAll(async () => {
  cms = await startCms({ demo: true });
  importCatalog = (require(path.join(cmsDistDir, 'src/import/catalog.js')) as { importCatalog: ImportCatalog }).importCatalog;
  dir = mkdtempSync(path.join(tmpdir(), 'catalog-import-'));
  attachments = path.join(dir, '附件');
  mkdirSync(attachments);
  writeFileSync(path.join(attachments, '实施方案.pdf'), '%PDF-1.4\n% 演示附件\n');
  // A real zip, as a .docx is one: the media library's upload check refuses a .docx that is plain text.
  writeFileSync(
    path.join(attachments, '申请表.docx'),
    zip([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]),
  );
  writeFileSync(path.join(dir, 'secret.txt'), '附件文件夹之外的文件');
});

afterAll(async () => {
  await cms?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dry run', () => {
  it('reports every wrong cell by row and column, says what would be right, and writes nothing', async () => {
    const before = await policyRows();
    const auditBefore = (await knex()('audit_entries').count({ n: '*' }))[0].n;
    const source = file(
      '有错误.csv',
      csv([
        HEADERS,
        row({ 索引号: '11370305004326100A/2021-00001', 标题: '正确的一行', 发布机构: '区政府', 发布日期: '2021-06-30' }),
        row({ 索引号: '11370305004326100A/2021-00002', 标题: '机构名写错', 发布机构: '临淄区教育体育局', 发布日期: '2021-06-30' }),
        row({
          索引号: '11370305004326100A/2021-00003',
          标题: '主题分类不在表中',
          发布机构: '区政府',
          发布日期: '2021-06-30',
          主题分类: '综合政务\\政务公示',
        }),
        row({ 索引号: '11370305004326100A/2021-00004', 标题: '日期不存在', 发布机构: '区政府', 发布日期: '2021.6.31' }),
        row({
          索引号: '11370305004326100A/2021-00005',
          标题: '废止却没有日期',
          发布机构: '区政府',
          发布日期: '2021-06-30',
          有效性: '废止',
        }),
        row({ 索引号: '11370305004326100A/2021-00001', 标题: '索引号重复', 发布机构: '区政府', 发布日期: '2021-06-30' }),
        row({
          索引号: '11370305004326100A/2021-00007',
          标题: '附件不在文件夹中',
          发布机构: '区政府',
          发布日期: '2021-06-30',
          附件文件名: '实施方案.pdf；不存在.pdf',
        }),
        row({
          索引号: '11370305004326100A/2021-00008',
          标题: '附件路径越界',
          发布机构: '区政府',
          发布日期: '2021-06-30',
          附件文件名: '../secret.txt',
        }),
        row({ 索引号: '11370305004326100A/2021-00009', 标题: '长'.repeat(301), 发布机构: '区政府', 发布日期: '2021-06-30' }),
        row({
          索引号: '11370305004326100A/2021-00010',
          标题: '体裁与类别',
          发布机构: '区政府',
          发布日期: '2021-06-30',
          体裁: '通告书',
          信息类别: '政策文献',
        }),
        row({ 索引号: '11370305004326302D/2021-00011', 标题: '另一机构的索引号', 发布机构: '区政府', 发布日期: '2021-06-30' }),
        row({ 索引号: '第12号', 标题: '索引号格式不对', 文号: '临政办发2021年3号', 发布机构: '区政府', 发布日期: '2021-06-30' }),
      ]),
    );
    const report = await importCatalog(cms.strapi, { file: source, attachmentsDir: attachments, dryRun: true });
    expect(report.ok).toBe(false);
    expect(report.rows).toBe(12);
    expect(report.valid).toBe(1);
    const at = (r: number) => report.problems.filter((p) => p.row === r).map((p) => `${p.column}|${p.message}`);
    expect(at(3)).toEqual([expect.stringMatching(/^发布机构\|发布机构“临淄区教育体育局”不在机构列表中；是否为 “临淄区教育和体育局”/)]);
    expect(at(4)).toEqual([
      expect.stringMatching(/^主题分类\|“政务公示”不是“综合政务”下的二级分类，可选：.*；最接近的是“综合政务\\政务公开”$/),
    ]);
    expect(at(5)).toEqual(['发布日期|“2021.6.31”不是有效日期：2021年6月只有 30 天。']);
    expect(at(6)).toEqual(['废止日期|有效性为“废止”的文件须填写废止日期（门户在提示中显示这一日期）']);
    expect(at(7)).toEqual([expect.stringMatching(/^索引号\|索引号“11370305004326100A\/2021-00001”与第 2 行重复/)]);
    expect(at(8)).toEqual(['附件文件名|附件文件夹中没有“不存在.pdf”；请核对文件名（含扩展名）或把该文件放入附件文件夹']);
    expect(at(9)).toEqual([expect.stringMatching(/^附件文件名\|附件文件名“\.\.\/secret\.txt”含路径.*“secret\.txt”/)]);
    expect(at(10)).toEqual(['标题|内容过长（301 字），“标题”最多 300 字']);
    expect(at(11)).toEqual([
      expect.stringMatching(/^体裁\|体裁“通告书”不是公文文种，应为以下之一：.*；最接近的是“通告”$/),
      expect.stringMatching(/^信息类别\|信息类别“政策文献”不在公开目录中，应为以下之一：.*；最接近的是“政策文件”$/),
    ]);
    expect(at(12)).toEqual([
      '索引号|索引号“11370305004326302D/2021-00011”的前缀“11370305004326302D”不是发布机构“临淄区人民政府”的索引号前缀；临淄区人民政府的索引号应以“11370305004326100A/”开头，如“11370305004326100A/2021-00011”；如该文件属另一机构，请改正发布机构',
    ]);
    expect(at(13)).toEqual([
      '文号|文号“临政办发2021年3号”的格式不对，应写作“发文机关代字〔年份〕序号号”，如“临政办发〔2021〕17号”（命令写作“……令第N号”）',
      expect.stringMatching(/^索引号\|索引号“第12号”的格式不对，应写作“索引号前缀\/年份-五位序号”，如“11370305004326100A\/2021-00009”/),
    ]);
    expect(await policyRows()).toBe(before);
    expect((await knex()('audit_entries').count({ n: '*' }))[0].n).toBe(auditBefore);
  });

  it('an import of a file with any error writes nothing', async () => {
    const before = await policyRows();
    const source = file(
      '一处错误.csv',
      csv([
        HEADERS,
        row({ 索引号: '11370305004326100A/2021-00101', 标题: '对', 发布机构: '区政府', 发布日期: '2021-06-30' }),
        row({ 索引号: '11370305004326100A/2021-00102', 标题: '错', 发布机构: '区政府', 发布日期: '2021-13-01' }),
      ]),
    );
    const report = await importCatalog(cms.strapi, { file: source });
    expect(report.ok).toBe(false);
    expect(report.created).toBe(0);
    expect(await policyRows()).toBe(before);
  });
});

describe('import', () => {
  const body = '第一条 为规范农村人居环境整治，制定本方案。\n<script>alert("正文中的脚本")</script>\n第二条 本方案自印发之日起施行。';
  let source: string;

  beforeAll(() => {
    source = file(
      '目录.csv',
      csv([
        HEADERS,
        row({
          索引号: '11370305004326100A/2021-10001',
          标题: '关于印发临淄区农村人居环境整治方案的通知',
          文号: '临政发[2021]31号',
          发布机构: '临淄区人民政府',
          成文日期: '2021/6/25',
          发布日期: '2021年6月30日',
          主题分类: '城乡建设、环境保护/城乡建设（含住房）',
          信息类别: '政策文件',
          体裁: '通知',
          有效性: '有效',
          内容概述: '整治方案，\n含“三年行动”。',
          正文: body,
          附件文件名: '实施方案.pdf；申请表.docx',
        }),
        row({
          索引号: '11370305004326302D/2020-10002',
          标题: '临淄区教育和体育局关于废止部分规范性文件的决定',
          文号: '临教体发（2020）5号',
          发布机构: '区教体局',
          发布日期: '2020-03-01',
          体裁: '决定',
          有效性: '废止',
          废止日期: '2022-12-31',
        }),
        row({
          索引号: '11370305004326206C/2021-10003',
          标题: '敬仲镇2021年春季防火工作安排',
          发布机构: '敬仲镇',
          发布日期: '2021-03-15',
          信息类别: '应急管理',
        }),
      ]),
    );
  });

  it('stores each row as the Document Service would: a draft and a published row, linked to the agency versions and attachments', async () => {
    const report = await importCatalog(cms.strapi, { file: source, attachmentsDir: attachments, batchSize: 2 });
    expect(report.fatal).toBeUndefined();
    expect(report).toMatchObject({ ok: true, rows: 3, valid: 3, created: 3, updated: 0, batches: 2 });

    const rows = await knex()('policy_items').where('index_number', 'like', '%/202_-1000_').orderBy('id');
    expect(rows).toHaveLength(6);
    const first = rows.filter((r: any) => r.index_number.endsWith('10001'));
    expect(first.map((r: any) => r.published_at === null)).toEqual([true, false]);
    expect(new Set(first.map((r: any) => r.document_id)).size).toBe(1);
    expect(first[0].document_id).toMatch(/^[a-z][a-z0-9]{23}$/);
    expect(first[0]).toMatchObject({
      doc_number: '临政发〔2021〕31号',
      written_date: '2021-06-25',
      publish_date: '2021-06-30',
      topic: '城乡建设、环境保护\\城乡建设（含住房）',
      validity: 'valid',
      locale: null,
    });

    const agencyLinks = await knex()('policy_items_agency_lnk as l')
      .join('agencies as a', 'a.id', 'l.agency_id')
      .whereIn(
        'l.policy_item_id',
        first.map((r: any) => r.id),
      )
      .select('l.policy_item_id', 'a.name', 'a.published_at');
    expect(agencyLinks.map((l: any) => [l.policy_item_id, l.name, l.published_at === null])).toEqual([
      [first[0].id, '临淄区人民政府', true],
      [first[1].id, '临淄区人民政府', false],
    ]);

    const published = await cms.strapi
      .documents(POLICY)
      .findOne({ documentId: first[0].document_id, status: 'published', populate: ['agency', 'attachments'] });
    expect(published.agency.name).toBe('临淄区人民政府');
    expect(published.attachments.map((a: any) => a.name)).toEqual(['实施方案.pdf', '申请表.docx']);
    const draft = await cms.strapi
      .documents(POLICY)
      .findOne({ documentId: first[0].document_id, status: 'draft', populate: ['agency', 'attachments'] });
    expect(draft.attachments).toHaveLength(2);

    const entries = await knex()('audit_entries').where('action_label', 'like', '目录导入%').orderBy('id');
    expect(entries.map((e: any) => [e.action, e.content_type, e.title])).toEqual([
      ['publish', POLICY, '第 1 批，2 项（新建 2、更新 0），索引号 11370305004326100A/2021-10001 至 11370305004326302D/2020-10002'],
      ['publish', POLICY, '第 2 批，1 项（新建 1、更新 0），索引号 11370305004326206C/2021-10003 至 11370305004326206C/2021-10003'],
    ]);
  });

  it('is readable over the public GraphQL and by the portal loaders, with 正文 as text', async () => {
    const { data, errors } = await graphql(
      cms.url,
      `
        {
          policyItems(filters: { indexNumber: { eq: "11370305004326100A/2021-10001" } }) {
            title
            docNumber
            validity
            agency {
              name
            }
            attachments {
              name
              url
            }
            body
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    const item = data.policyItems[0];
    expect(item).toMatchObject({
      title: '关于印发临淄区农村人居环境整治方案的通知',
      docNumber: '临政发〔2021〕31号',
      validity: 'valid',
      agency: { name: '临淄区人民政府' },
    });
    expect(item.attachments.map((a: any) => a.name)).toEqual(['实施方案.pdf', '申请表.docx']);
    expect(item.attachments[0].url).toMatch(/^\/uploads\/.+\.pdf$/);
    expect(item.body).toEqual(body.split('\n').map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] })));

    process.env.CMS_URL = cms.url;
    const loaded = await fetchAll(PolicyItemsDocument, 'policyItems');
    const repealed = loaded.find((p) => p.indexNumber === '11370305004326302D/2020-10002');
    expect(repealed).toMatchObject({
      docNumber: '临教体发〔2020〕5号',
      validity: 'repealed',
      invalidDate: '2022-12-31',
      agency: { name: '临淄区教育和体育局' },
    });
    expect(loaded.filter((p) => p.indexNumber.endsWith('/2021-10003'))).toHaveLength(1);
  });

  it('can be edited and republished through the Document Service afterwards', async () => {
    const { documentId } = await cms.strapi.documents(POLICY).findFirst({ filters: { indexNumber: '11370305004326206C/2021-10003' } });
    await cms.strapi.documents(POLICY).update({ documentId, data: { title: '敬仲镇2021年春季防火工作安排（修订）' } });
    await cms.strapi.documents(POLICY).publish({ documentId });
    const { data } = await graphql(
      cms.url,
      `
        {
          policyItems(filters: { indexNumber: { eq: "11370305004326206C/2021-10003" } }) {
            title
            agency {
              name
            }
          }
        }
      `,
    );
    expect(data.policyItems).toEqual([{ title: '敬仲镇2021年春季防火工作安排（修订）', agency: { name: '临淄区敬仲镇人民政府' } }]);
    expect(await knex()('policy_items').where('document_id', documentId).count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('a second run updates by 索引号 and never duplicates, nor uploads the attachments twice', async () => {
    const files = (await knex()('files').count({ n: '*' }))[0].n;
    const changed = file(
      '目录-改.csv',
      csv([
        HEADERS,
        row({
          索引号: '11370305004326100A/2021-10001',
          标题: '关于印发临淄区农村人居环境整治方案的通知（更正）',
          发布机构: '区政府',
          发布日期: '2021-06-30',
          附件文件名: '实施方案.pdf',
        }),
        row({ 索引号: '11370305004326206C/2021-10004', 标题: '敬仲镇新增一项', 发布机构: '敬仲镇', 发布日期: '2021-04-01' }),
      ]),
    );
    const report = await importCatalog(cms.strapi, { file: changed, attachmentsDir: attachments });
    expect(report).toMatchObject({ ok: true, created: 1, updated: 1 });
    const rows = await knex()('policy_items').where('index_number', '11370305004326100A/2021-10001');
    expect(rows.map((r: any) => r.title)).toEqual([
      '关于印发临淄区农村人居环境整治方案的通知（更正）',
      '关于印发临淄区农村人居环境整治方案的通知（更正）',
    ]);
    expect((await knex()('files').count({ n: '*' }))[0].n).toBe(files);
    const links = await knex()('files_related_mph')
      .whereIn(
        'related_id',
        rows.map((r: any) => r.id),
      )
      .where('related_type', POLICY);
    expect(links).toHaveLength(2);
    const agencyLinks = await knex()('policy_items_agency_lnk').whereIn(
      'policy_item_id',
      rows.map((r: any) => r.id),
    );
    expect(agencyLinks).toHaveLength(2);
  });

  it('imports as drafts with --draft: nothing public until published', async () => {
    const drafts = file(
      '草稿.csv',
      csv([HEADERS, row({ 索引号: '11370305004326100A/2021-00301', 标题: '草稿导入', 发布机构: '区政府', 发布日期: '2021-06-30' })]),
    );
    const report = await importCatalog(cms.strapi, { file: drafts, draft: true });
    expect(report).toMatchObject({ ok: true, created: 1 });
    expect(
      (await graphql(cms.url, '{ policyItems(filters: { indexNumber: { eq: "11370305004326100A/2021-00301" } }) { title } }')).data
        .policyItems,
    ).toEqual([]);
    expect(
      (
        await graphql(
          cms.url,
          '{ policyItems(status: DRAFT, filters: { indexNumber: { eq: "11370305004326100A/2021-00301" } }) { title } }',
        )
      ).data.policyItems,
    ).toEqual([]);
    const { documentId } = await cms.strapi
      .documents(POLICY)
      .findFirst({ filters: { indexNumber: '11370305004326100A/2021-00301' }, status: 'draft' });
    await cms.strapi.documents(POLICY).publish({ documentId });
    expect(
      (
        await graphql(
          cms.url,
          '{ policyItems(filters: { indexNumber: { eq: "11370305004326100A/2021-00301" } }) { title agency { name } } }',
        )
      ).data.policyItems,
    ).toEqual([{ title: '草稿导入', agency: { name: '临淄区人民政府' } }]);
  });
});

describe('batches', () => {
  it('a batch that fails is rolled back whole; running the file again resumes and ends with every row once', async () => {
    const rows = [
      HEADERS,
      ...Array.from({ length: 25 }, (_, i) =>
        row({
          索引号: `11370305004326118B/2030-${String(i + 1).padStart(5, '0')}`,
          标题: `分批导入第 ${i + 1} 项`,
          发布机构: '区政府办',
          发布日期: '2021-06-30',
        }),
      ),
    ];
    const source = file('分批.csv', csv(rows));
    // A real failure inside the database, half-way through the second batch (its rows inserted, its links not).
    await knex().raw(`CREATE TRIGGER catalog_fail BEFORE INSERT ON policy_items_agency_lnk
      WHEN (SELECT count(*) FROM policy_items WHERE index_number LIKE '11370305004326118B/2030-%') > 20
      BEGIN SELECT RAISE(ABORT, '模拟的数据库故障'); END`);
    const failed = await importCatalog(cms.strapi, { file: source, batchSize: 10 });
    expect(failed.ok).toBe(false);
    expect(failed.fatal).toMatch(
      /^第 2 批（第 12 至 21 行）写入失败，该批已整体回滚，没有写入任何一项：.*模拟的数据库故障.*此前已提交的 1 批（10 项）保留/,
    );
    expect(await knex()('policy_items').where('index_number', 'like', '11370305004326118B/2030-%').count({ n: '*' })).toEqual([{ n: 20 }]);
    const orphans = await knex()('policy_items as p')
      .leftJoin('policy_items_agency_lnk as l', 'l.policy_item_id', 'p.id')
      .where('p.index_number', 'like', '11370305004326118B/2030-%')
      .whereNull('l.id')
      .count({ n: '*' });
    expect(orphans).toEqual([{ n: 0 }]);

    await knex().raw('DROP TRIGGER catalog_fail');
    const resumed = await importCatalog(cms.strapi, { file: source, batchSize: 10 });
    expect(resumed).toMatchObject({ ok: true, created: 15, updated: 10, batches: 3 });
    const counts = await knex()('policy_items')
      .where('index_number', 'like', '11370305004326118B/2030-%')
      .select('index_number')
      .count({ n: '*' })
      .groupBy('index_number');
    expect(counts).toHaveLength(25);
    expect(counts.every((c: any) => c.n === 2)).toBe(true);
  });
});

describe('hostile files', () => {
  const refuses = async (name: string, content: string | Buffer, message: RegExp, options: Record<string, unknown> = {}) => {
    const before = await policyRows();
    const report = await importCatalog(cms.strapi, { file: file(name, content), attachmentsDir: attachments, ...options });
    expect(report.ok).toBe(false);
    expect([report.fatal, ...report.problems.map((p) => `第 ${p.row} 行 ${p.column}：${p.message}`)].join('\n')).toMatch(message);
    expect(await policyRows()).toBe(before);
    return report;
  };

  it('a CSV with a quote left open names the line', async () => {
    const text =
      csv([HEADERS, row({ 索引号: '11370305004326100A/2021-00201', 标题: '好', 发布机构: '区政府', 发布日期: '2021-06-30' })]) +
      '11370305004326100A/2021-00202,"没有闭合的标题,区政府,2021-06-30\r\n11370305004326100A/2021-00203,第三行,区政府,2021-06-30\r\n';
    await refuses('引号.csv', text, /^CSV 格式错误：第 3 行起的引号没有闭合/);
  });

  it('a 50 MB cell is refused by size without keeping it', async () => {
    const big = `${HEADERS.join(',')}\r\n11370305004326100A/2021-00204,"${'很长的正文'.repeat(3_600_000)}",区政府,2021-06-30\r\n`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(50 * 1024 * 1024);
    await refuses('大单元格.csv', big, /第 2 行 标题：单元格过长（18,000,000 字），“标题”最多 300 字/);
  });

  it('formula cells, in CSV text and in XLSX, are refused', async () => {
    await refuses(
      '公式.csv',
      csv([
        HEADERS,
        row({ 索引号: '11370305004326100A/2021-00205', 标题: "=cmd|' /C calc'!A0", 发布机构: '区政府', 发布日期: '2021-06-30' }),
      ]),
      /第 2 行 标题：单元格以“=”开头（“=cmd\|' \/C calc'!A0”），在表格软件中会被当作公式执行/,
    );
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('目录');
    sheet.addRow(HEADERS);
    sheet.addRow([
      '11370305004326100A/2021-00206',
      { formula: 'HYPERLINK("http://example.com","点击")', result: '点击' },
      '',
      '区政府',
      '',
      new Date(Date.UTC(2021, 5, 30)),
    ]);
    await refuses(
      '公式.xlsx',
      Buffer.from(await workbook.xlsx.writeBuffer()),
      /第 2 行 标题：单元格是公式（=HYPERLINK\("http:\/\/example\.com","点击"\)），导入只收文本/,
    );
  });

  it('a zip-bomb-ish XLSX is refused before it is unpacked', async () => {
    const bomb = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(300 * 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refuses(
      '炸弹.xlsx',
      bomb,
      /^XLSX 内部文件“xl\/worksheets\/sheet1\.xml”压缩比异常（0\.3 MB 解压后 300\.0 MB），疑似“压缩炸弹”，不予导入$/,
    );
  });

  it('a file that is neither UTF-8 nor GBK, and a broken XLSX, get a Chinese error', async () => {
    await refuses('乱码.csv', Buffer.from([0xff, 0xfe, 0xfd, 0x81, 0x20, 0xff]), /^文件既不是 UTF-8 也不是 GBK 编码的文本/);
    await refuses('坏.xlsx', Buffer.from('PK\u0003\u0004 不是完整的压缩包'), /^文件不是有效的 XLSX/);
  });

  it('an attachment the media library would refuse (a web page named .pdf) fails the dry run, not a batch', async () => {
    writeFileSync(path.join(attachments, '伪装.pdf'), '<!DOCTYPE html><html><script>alert(1)</script></html>');
    const source = csv([
      HEADERS,
      row({
        索引号: '11370305004326100A/2021-00208',
        标题: '附件是网页',
        发布机构: '区政府',
        发布日期: '2021-06-30',
        附件文件名: '伪装.pdf',
      }),
    ]);
    const report = await refuses('伪装附件.csv', source, /^第 2 行 附件文件名：文件「伪装\.pdf」不能上传/m, { dryRun: true });
    expect(report.valid).toBe(0);
    await refuses('伪装附件.csv', source, /^第 2 行 附件文件名：文件「伪装\.pdf」不能上传/m);
  });

  it('path traversal and absolute paths in 附件文件名 are refused', async () => {
    await refuses(
      '越界.csv',
      csv([
        HEADERS,
        row({
          索引号: '11370305004326100A/2021-00207',
          标题: '越界',
          发布机构: '区政府',
          发布日期: '2021-06-30',
          附件文件名: '/etc/passwd；..\\..\\secret.txt',
        }),
      ]),
      /附件文件名“\/etc\/passwd”含路径[\s\S]*附件文件名“\.\.\\\.\.\\secret\.txt”含路径/,
    );
  });
});

describe('formats', () => {
  it('reads XLSX with date cells and GBK CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('目录');
    sheet.addRow(HEADERS);
    sheet.addRow([
      '11370305004326118B/2021-00801',
      { richText: [{ text: '关于' }, { text: '表格导入的通知' }] },
      '临政办发【2021】8号',
      '区政府办',
      new Date(Date.UTC(2021, 5, 1)),
      new Date(Date.UTC(2021, 5, 2)),
      '综合政务\\政务公开',
      '政策文件',
      '通知',
      '有效',
    ]);
    const xlsx = await importCatalog(cms.strapi, { file: file('目录.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())) });
    expect(xlsx.fatal).toBeUndefined();
    expect(xlsx).toMatchObject({ ok: true, created: 1 });
    const [stored] = await knex()('policy_items').where('index_number', '11370305004326118B/2021-00801').whereNotNull('published_at');
    expect(stored).toMatchObject({
      title: '关于表格导入的通知',
      doc_number: '临政办发〔2021〕8号',
      written_date: '2021-06-01',
      publish_date: '2021-06-02',
      topic: '综合政务\\政务公开',
    });

    const gbk = Buffer.from(
      'cbf7d2fdbac52cb1eacce22cb7a2b2bcbbfab9b92cb7a2b2bcc8d5c6da0d0a3131333730333035303034333236313030412f323032312d30303930312cb9d8d3dad3a1b7a2c1d9d7cdc7f8c5a9b4e5c8cbbed3bbb7beb3d5fbd6ceb7bdb0b8b5c4cda8d6aa2cc7f8d5feb8ae2c323032312d30362d33300d0a',
      'hex',
    );
    const report = await importCatalog(cms.strapi, { file: file('gbk.csv', gbk) });
    expect(report).toMatchObject({ ok: true, created: 1 });
    expect((await knex()('policy_items').where('index_number', '11370305004326100A/2021-00901').first()).title).toBe(
      '关于印发临淄区农村人居环境整治方案的通知',
    );
  });
});

describe('wrong file types', () => {
  it('an HTML page or a binary file named .csv is refused as what it is', async () => {
    const before = await policyRows();
    const html = await importCatalog(cms.strapi, {
      file: file('网页.csv', '\uFEFF<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
    });
    expect(html).toMatchObject({
      ok: false,
      fatal:
        '“网页.csv”的内容是 HTML 网页或 XML，不是 CSV；请在 Excel 或 WPS 中打开目录表格，另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再导入',
    });
    const binary = await importCatalog(cms.strapi, {
      file: file('图片.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
    });
    expect(binary.fatal).toMatch(/^“图片\.csv”不是文本文件（含二进制内容），不是 CSV/);
    expect(await policyRows()).toBe(before);
  });
});

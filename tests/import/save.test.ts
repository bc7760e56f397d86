/*
 * `npm run import:reports -- --save [--archive] FILE…` on a temporary CMS database: the seed becomes a
 * draft equal cell for cell to the demo report (cms/src/demo/jingzhong-2020.ts), a rerun updates it
 * (no duplicate), an inconsistent report is refused unless --archive, and then kept as published.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksText } from '../../shared/src/index.ts';
import { jingzhong2020 } from '../../cms/src/demo/jingzhong-2020.ts';
import { startCms } from '../helpers/cms.ts';

const REPORT = 'api::annual-report.annual-report';
const root = path.resolve(import.meta.dirname, '../..');
const seed = path.join(import.meta.dirname, 'fixtures', 'jingzhong-2020-annual-report.txt');
const dataDir = mkdtempSync(path.join(tmpdir(), 'import-save-'));
let env: Record<string, string>;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'import-reports.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Reads the CMS database in a CMS of its own, then stops it. */
async function inCms<T>(read: (strapi: Awaited<ReturnType<typeof startCms>>['strapi']) => Promise<T>): Promise<T> {
  const cms = await startCms({ demo: false, dataDir });
  try {
    return await read(cms.strapi);
  } finally {
    await cms.stop();
  }
}

beforeAll(async () => {
  // A CMS with the agency (no demo content); its secrets and database are what the CLI is given.
  await inCms(async (strapi) => {
    await strapi
      .documents('api::agency.agency')
      .create({ data: { name: '临淄区敬仲镇人民政府', shortName: '敬仲镇', slug: 'jingzhong', kind: 'town' }, status: 'published' });
  });
  env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) =>
      /^(DATABASE_|APP_KEYS|API_TOKEN_SALT|ADMIN_JWT_SECRET|TRANSFER_TOKEN_SALT|JWT_SECRET|ENCRYPTION_KEY)/.test(key),
    ),
  ) as Record<string, string>;
  expect(env.DATABASE_FILENAME).toBe(path.join(dataDir, 'test.db'));
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each run boots the CMS in the CLI's process, and each check boots one more: slow on a loaded machine.
describe('import:reports --save', { timeout: 240_000 }, () => {
  it('the seed becomes a draft equal cell for cell to the demo report, in Chinese', async () => {
    const { code, stdout, stderr } = run('--save', seed);
    expect(stderr).not.toContain('✗');
    expect(code).toBe(0);
    expect(stdout).toContain('已新建草稿“临淄区敬仲镇人民政府2020年政府信息公开工作年度报告”，机构 临淄区敬仲镇人民政府，2020 年度');
    expect(stdout).toContain('新建草稿 1 份，更新草稿 0 份，未导入 0 份');

    const drafts = await inCms((strapi) => strapi.documents(REPORT).findMany({ populate: ['agency'] }));
    expect(drafts).toHaveLength(1);
    const [draft] = drafts;
    expect(draft).toMatchObject({
      year: 2020,
      templateVersion: '2019',
      title: jingzhong2020.title,
      publishDate: jingzhong2020.publishDate,
      publishedAt: null,
      archivedAsPublished: false,
      archivedFindings: null,
    });
    expect(draft.agency.name).toBe('临淄区敬仲镇人民政府');
    expect(draft.proactiveTable).toEqual(jingzhong2020.proactiveTable);
    expect(draft.requestTable).toEqual(jingzhong2020.requestTable);
    expect(draft.reviewTable).toEqual(jingzhong2020.reviewTable);
    expect(blocksText(draft.overviewOnRequest)).toBe(blocksText(jingzhong2020.overviewOnRequest));
  });

  it('a rerun updates that draft: no duplicate', async () => {
    const { code, stdout } = run('--save', seed);
    expect(code).toBe(0);
    expect(stdout).toContain('已更新草稿');
    expect(stdout).toContain('新建草稿 0 份，更新草稿 1 份');
    expect(await inCms((strapi) => strapi.db.query(REPORT).count({}))).toBe(1);
  });

  it('an inconsistent report is refused, nothing written; with --archive it is kept as published', async () => {
    const file = path.join(dataDir, 'jingzhong-2020-inconsistent.txt');
    writeFileSync(
      file,
      readFileSync(seed, 'utf8').replace('一、本年新收政府信息公开申请数量\t\t0\t0', '一、本年新收政府信息公开申请数量\t\t1\t0'),
    );
    const refused = run('--save', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('原报告有 2 处勾稽关系不一致，未导入');
    expect(refused.stderr).toContain('--archive');
    const before = await inCms((strapi) => strapi.documents(REPORT).findFirst({}));
    expect(before.requestTable.newRequests.naturalPerson).toBe(0);

    const archived = run('--save', '--archive', file);
    expect(archived.code).toBe(0);
    expect(archived.stdout).toContain(
      '（原样归档，保留 2 处不一致：表三 四、结转下年度继续办理 · 自然人、表三 一、本年新收政府信息公开申请数量 · 总计）',
    );
    const draft = await inCms((strapi) => strapi.documents(REPORT).findFirst({}));
    expect(draft.archivedAsPublished).toBe(true);
    expect(draft.requestTable.newRequests.naturalPerson).toBe(1);
    expect(draft.archivedFindings.map((f: { rule: string }) => f.rule).sort()).toEqual(['R1', 'R2']);
    expect(await inCms((strapi) => strapi.db.query(REPORT).count({}))).toBe(1);
  });

  it('an agency the CMS does not have: refused in Chinese; --archive alone is refused', () => {
    const file = path.join(dataDir, 'other-agency.txt');
    writeFileSync(file, readFileSync(seed, 'utf8').replaceAll('临淄区敬仲镇人民政府', '临淄区不存在镇人民政府'));
    const { code, stderr } = run('--save', file);
    expect(code).toBe(1);
    expect(stderr).toContain('内容管理中没有名为“临淄区不存在镇人民政府”的机构，未导入');
    const alone = run('--archive', seed);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--archive（原样归档）只能与 --save 一起使用');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { csv, HEADERS, row, zip } from './catalog-fixtures.ts';
import { assignAgencies } from '../../cms/src/scoping/agency-scope.ts';

/*
 * The admin page's routes (/catalog-import/*) over real HTTP against a real Strapi: who may use
 * them (the permission to create policy items, not a role's name), the dry run's report, the
 * import of exactly the files checked with its progress and summary, and hostile uploads: each a
 * Chinese message, nothing stored, the CMS still answering.
 */

const admin = { email: 'catalog-chief@example.com', password: 'Test-Admin-12345' };
const editorLogin = { email: 'catalog-editor@example.com', password: 'Test-Editor-12345' };
const maintainerLogin = { email: 'catalog-guide@example.com', password: 'Test-Guide-12345' };

let cms: RunningCms;
let editor: string;
let maintainer: string;
let creator: string;
const creatorLogin = { email: 'catalog-creator@example.com', password: 'Test-Creator-12345' };
const knex = () => (cms.strapi as any).db.connection;
const policyRows = async () => Number((await knex()('policy_items').count({ n: '*' }))[0].n);

async function login(credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  return ((await response.json()) as { data: { token: string } }).data.token;
}

async function createUser(credentials: { email: string; password: string }, roleCode: string) {
  const strapi = cms.strapi as any;
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  const user = await strapi
    .service('admin::user')
    .create({ ...credentials, firstname: '导入', lastname: '测试', isActive: true, registrationToken: null, roles: [role.id] });
  // Works for the demo agencies (cms/src/scoping/).
  await assignAgencies(strapi, user.id);
}

type Upload = { name: string; content: string | Buffer };
async function check(token: string | undefined, file: Upload | undefined, attachments: Upload[] = []) {
  const form = new FormData();
  if (file) form.append('file', new Blob([file.content]), file.name);
  for (const a of attachments) form.append('attachments', new Blob([a.content]), a.name);
  const response = await fetch(`${cms.url}/catalog-import/check`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function post(token: string, path: string, body: unknown) {
  const response = await fetch(`${cms.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function job(token: string, id: string) {
  for (;;) {
    const response = await fetch(`${cms.url}/catalog-import/jobs/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as any;
    if (body.status !== 'running') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const good = (n: number, extra: Record<string, string> = {}) =>
  row({
    索引号: `11370305004326206C/2029-${String(n).padStart(5, '0')}`,
    标题: `敬仲镇页面导入第 ${n} 项`,
    发布机构: '敬仲镇',
    发布日期: '2029-03-01',
    主题分类: '综合政务\\政务公开',
    ...extra,
  });

beforeAll(async () => {
  process.env.CATALOG_IMPORT_MAX_MB = '2';
  cms = await startCms({ admin });
  await createUser(editorLogin, 'disclosure-editor');
  await createUser(maintainerLogin, 'guide-maintainer');
  // A role made here that may create policy items but not publish them: the routes go by permission, not by role name.
  const strapi = cms.strapi as any;
  const role = await strapi.service('admin::role').create({ name: '目录录入员', description: '只能新建政策文件草稿' });
  const { actionProvider } = strapi.service('admin::permission');
  const [permission] = strapi
    .service('admin::content-type')
    .getPermissionsWithNestedFields([
      { ...actionProvider.get('plugin::content-manager.explorer.create'), subjects: ['api::policy-item.policy-item'] },
    ]);
  await strapi.service('admin::role').assignPermissions(role.id, [permission]);
  await strapi
    .service('admin::user')
    .create({ ...creatorLogin, firstname: '录入', lastname: '测试', isActive: true, registrationToken: null, roles: [role.id] });
  [editor, maintainer, creator] = await Promise.all([login(editorLogin), login(maintainerLogin), login(creatorLogin)]);
}, 180_000);

afterAll(async () => {
  delete process.env.CATALOG_IMPORT_MAX_MB;
  await cms?.stop();
});

describe('who may import', () => {
  it('nobody logged in: 401; a role that may not create policy items: 403 in Chinese', async () => {
    const file = { name: '目录.csv', content: csv([HEADERS, good(1)]) };
    expect((await check(undefined, file)).status).toBe(401);
    const refused = await check(maintainer, file);
    expect(refused).toMatchObject({
      status: 403,
      body: { error: { message: expect.stringMatching(/^您没有新建政策文件的权限，不能导入政策目录/) } },
    });
  });
});

describe('by permission', () => {
  it('a role that may create but not publish policy items imports drafts only', async () => {
    const file = { name: '草稿目录.csv', content: csv([HEADERS, good(21)]) };
    const checked = await check(creator, file);
    expect(checked.body.report).toMatchObject({ ok: true, valid: 1 });
    expect(await post(creator, '/catalog-import/run', { token: checked.body.token })).toMatchObject({
      status: 403,
      body: { error: { message: expect.stringMatching(/^您没有发布政策文件的权限；请选择“导入为草稿”/) } },
    });
    const done = await job(creator, (await post(creator, '/catalog-import/run', { token: checked.body.token, draft: true })).body.job);
    expect(done).toMatchObject({ status: 'done', created: 1 });
    const rows = await knex()('policy_items').where('index_number', '11370305004326206C/2029-00021');
    expect(rows.map((r: any) => r.published_at)).toEqual([null]);
  });
});

describe('dry run, then import', () => {
  it('reports, imports exactly the files checked, shows progress and a summary; a second import updates', async () => {
    const before = await policyRows();
    const pdf = { name: '方案.pdf', content: '%PDF-1.4\n% 页面导入附件\n' };
    const file = {
      name: '敬仲镇目录.csv',
      content: csv([HEADERS, good(1, { 附件文件名: '方案.pdf' }), good(2), good(3, { 文号: '敬政发[2029]3号' })]),
    };
    const checked = await check(editor, file, [pdf]);
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({
      fileName: '敬仲镇目录.csv',
      attachments: 1,
      report: { ok: true, rows: 3, valid: 3, dryRun: true },
    });
    expect(checked.body.report.problems).toEqual([
      {
        row: 4,
        column: '文号',
        severity: 'warning',
        message: '文号已按规范写法保存为“敬政发〔2029〕3号”（年份用六角括号〔〕，原输入为“敬政发[2029]3号”）',
      },
    ]);
    expect(await policyRows()).toBe(before);

    const started = await post(editor, '/catalog-import/run', { token: checked.body.token });
    expect(started.status).toBe(202);
    const done = await job(editor, started.body.job);
    expect(done).toMatchObject({ status: 'done', done: 3, total: 3, created: 3, updated: 0, report: { ok: true, created: 3, updated: 0 } });
    expect(await policyRows()).toBe(before + 6);
    const [entry] = await knex()('audit_entries').where('origin', 'like', '目录导入（管理后台%').orderBy('id', 'desc').limit(1);
    expect(entry.origin).toBe('目录导入（管理后台，测试导入，敬仲镇目录.csv）');

    // The token was used: the same check cannot be imported twice.
    expect(await post(editor, '/catalog-import/run', { token: checked.body.token })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^没有找到已检查的文件/) } },
    });
    const again = await check(editor, {
      name: '敬仲镇目录.csv',
      content: csv([HEADERS, good(1, { 标题: '敬仲镇页面导入第 1 项（更正）' }), good(4)]),
    });
    const second = await job(editor, (await post(editor, '/catalog-import/run', { token: again.body.token })).body.job);
    expect(second).toMatchObject({ status: 'done', created: 1, updated: 1 });
    expect(await policyRows()).toBe(before + 8);
  });
});

describe('hostile uploads', () => {
  const refusedWith = async (file: Upload, message: RegExp | string, attachments: Upload[] = []) => {
    const before = await policyRows();
    const result = await check(editor, file, attachments);
    const text =
      result.body.error?.message ??
      [result.body.report?.fatal, ...(result.body.report?.problems ?? []).map((p: any) => `第 ${p.row} 行 ${p.column}：${p.message}`)]
        .filter(Boolean)
        .join('\n');
    expect(text).toMatch(message);
    expect(result.body.token ?? null).toBeNull();
    expect(await policyRows()).toBe(before);
    // The CMS lives.
    expect((await fetch(`${cms.url}/_health`)).status).toBe(204);
    return result;
  };

  it('an oversized upload is refused before it is read', async () => {
    const result = await refusedWith(
      { name: '大.csv', content: Buffer.alloc(3 * 1024 * 1024, 0x41) },
      /^上传的文件共 3\.0 MB，超过上限 2 MB/,
    );
    expect(result.status).toBe(413);
  });

  it('a file that is not CSV or XLSX, by name or by content', async () => {
    expect((await refusedWith({ name: '目录.exe', content: 'MZ' }, /^目录文件“目录\.exe”不是 \.csv 或 \.xlsx 文件/)).status).toBe(400);
    await refusedWith(
      { name: '目录.csv', content: '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>' },
      /^“目录\.csv”的内容是 HTML 网页或 XML，不是 CSV/,
    );
    expect((await refusedWith({ name: '目录.csv', content: '' }, /^“目录\.csv”|^文件中没有|缺少必填列/)).status).toBe(200);
  });

  it("malformed CSV, formula cells and another agency's 索引号", async () => {
    await refusedWith(
      { name: '引号.csv', content: `${HEADERS.join(',')}\r\n"没有闭合,敬仲镇\r\n` },
      /^CSV 格式错误：第 2 行起的引号没有闭合/,
    );
    await refusedWith(
      { name: '公式.csv', content: csv([HEADERS, good(9, { 标题: '=HYPERLINK("http://example.com","点击")' })]) },
      /第 2 行 标题：单元格以“=”开头/,
    );
    await refusedWith(
      { name: '他机构.csv', content: csv([HEADERS, good(10, { 索引号: '11370305004326100A/2029-00010' })]) },
      /第 2 行 索引号：索引号“11370305004326100A\/2029-00010”的前缀“11370305004326100A”不是发布机构“临淄区敬仲镇人民政府”的索引号前缀/,
    );
  });

  it('an attachment whose name is a path, a forged run token', async () => {
    await refusedWith({ name: '目录.csv', content: csv([HEADERS, good(11)]) }, /^附件文件名“\.hidden”不可用/, [
      { name: '.hidden', content: 'x' },
    ]);
    expect(await post(editor, '/catalog-import/run', { token: 'forged' })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^没有找到已检查的文件/) } },
    });
    const xlsx = zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }]);
    await refusedWith({ name: '坏.xlsx', content: xlsx }, /XLSX/);
  });
});

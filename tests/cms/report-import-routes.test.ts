import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jingzhong2020 } from '../../cms/src/demo/jingzhong-2020.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { assignAgencies } from '../../cms/src/scoping/agency-scope.ts';

/*
 * The routes behind the admin's 导入年度报告 page (cms/src/import/report-routes.ts), as the page calls
 * them: admin session, multipart files. Who may use them, what the import report holds, and
 * hostile files (binary, huge, HTML with script, GBK, too many): a Chinese message each, nothing
 * stored, the CMS still answering.
 */

const REPORT = 'api::annual-report.annual-report';
const seedPath = path.join(import.meta.dirname, '..', 'import', 'fixtures', 'jingzhong-2020-annual-report.txt');
const seed = readFileSync(seedPath);
const admin = { email: 'import-chief@example.com', password: 'Test-Admin-12345' };
const logins = {
  editor: { email: 'import-editor@example.com', password: 'Test-Editor-12345', role: 'disclosure-editor' },
  archivist: { email: 'import-archivist@example.com', password: 'Test-Archivist-12345', role: 'report-archivist' },
  maintainer: { email: 'import-guide@example.com', password: 'Test-Guide-12345', role: 'guide-maintainer' },
};

let cms: RunningCms;
const tokens: Record<string, string> = {};

async function login(credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  return ((await response.json()) as { data: { token: string } }).data.token;
}

async function send(
  who: string | null,
  route: 'preview' | 'save',
  files: Array<[string, Uint8Array | string]>,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, content] of files) form.append('files', new Blob([content]), name);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  const response = await fetch(`${cms.url}/report-import/${route}`, {
    method: 'POST',
    headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    body: form,
  });
  return { status: response.status, body: (await response.json()) as any };
}

const inconsistent = seed.toString('utf8').replace('一、本年新收政府信息公开申请数量\t\t0\t0', '一、本年新收政府信息公开申请数量\t\t1\t0');
const reportCount = () => cms.strapi.db.query(REPORT).count({});

beforeAll(async () => {
  cms = await startCms({ admin, demo: false });
  const strapi = cms.strapi as any;
  for (const [who, { role: code, ...credentials }] of Object.entries(logins)) {
    const role = await strapi.service('admin::role').findOne({ code });
    await strapi
      .service('admin::user')
      .create({ ...credentials, firstname: who, lastname: '测试', isActive: true, registrationToken: null, roles: [role.id] });
    tokens[who] = await login(credentials);
  }
  tokens.chief = await login(admin);
  await cms.strapi
    .documents('api::agency.agency')
    .create({ data: { name: '临淄区敬仲镇人民政府', shortName: '敬仲镇', slug: 'jingzhong', kind: 'town' }, status: 'published' });
  // The users work for it (cms/src/scoping/).
  for (const { email } of Object.values(logins)) {
    const user = await cms.strapi.db.query('admin::user').findOne({ where: { email } });
    await assignAgencies(cms.strapi, user.id);
  }
});

afterAll(async () => {
  await cms?.stop();
});

describe('导入年度报告 routes', () => {
  it('need an admin session that may create annual reports', async () => {
    expect((await send(null, 'preview', [['a.txt', seed]])).status).toBe(401);
    const maintainer = await send('maintainer', 'preview', [['a.txt', seed]]);
    expect(maintainer.status).toBe(403);
    expect(maintainer.body.error.message).toContain('没有新建年度报告的权限');
    expect((await send('maintainer', 'save', [['a.txt', seed]])).status).toBe(403);
    expect(await reportCount()).toBe(0);
  });

  it('preview: the import report of each file, nothing stored', async () => {
    const { status, body } = await send('editor', 'preview', [['敬仲镇2020.txt', seed]]);
    expect(status).toBe(200);
    const [entry] = body.data;
    expect(entry).toMatchObject({ file: '敬仲镇2020.txt', ok: true, agencyFound: true, errors: 0, archivable: false });
    expect(entry.report).toMatchObject({ agency: '临淄区敬仲镇人民政府', year: 2020, templateVersion: '2019' });
    expect(entry.report.requestTable).toEqual(jingzhong2020.requestTable);
    expect(entry.report.cells[0]).toHaveProperty('source.line');
    expect(await reportCount()).toBe(0);
    expect((await send('archivist', 'preview', [['x.txt', seed]])).body.data[0].archivable).toBe(true);
  });

  it('hostile files: a Chinese message each, the good one still read, nothing stored, the CMS lives', async () => {
    const gbk = Buffer.from('32303231c4ead5feb8aed0c5cfa2b9abbfaab9a4d7f7c4eab6c8b1a8b8e6', 'hex');
    const html = `<html><body><script>alert(1)</script><img src=x onerror="alert(2)">${seed.toString('utf8')}</body></html>`;
    const { status, body } = await send('editor', 'save', [
      ['report.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 0])])],
      ['huge.txt', Buffer.alloc(11 * 1024 * 1024, 0x41)],
      ['gbk.txt', gbk],
      ['empty.txt', ''],
      ['<script>alert(3)</script>.txt', '这不是年度报告。\n'.repeat(20)],
    ]);
    expect(status).toBe(200);
    // Each file answered once, under its own name (multipart parts may finish in any order).
    const byFile = Object.fromEntries((body.data as Array<{ file: string; status: string; message: string }>).map((o) => [o.file, o]));
    expect(Object.keys(byFile)).toHaveLength(5);
    expect(Object.values(byFile).every((o) => o.status === 'refused')).toBe(true);
    expect(byFile['report.pdf']!.message).toContain('“report.pdf”是PDF 文件，不是文本');
    expect(byFile['huge.txt']!.message).toContain('“huge.txt”有 11.0 MB，超过 10 MB 的上限');
    expect(byFile['gbk.txt']!.message).toContain('不是 UTF-8 编码（看来是 GBK/GB18030）');
    expect(byFile['empty.txt']!.message).toContain('是空文件');
    expect(byFile['<script>alert(3)</script>.txt']!.message).toContain('找不到报告年度');
    expect(await reportCount()).toBe(0);

    // HTML with script: read as a report (the importer reads text), the markup never stored.
    const read = await send('editor', 'preview', [['report.html', html]]);
    expect(read.body.data[0].ok).toBe(true);
    const saved = await send('editor', 'save', [['report.html', html]]);
    expect(saved.body.data[0].status).toBe('created');
    const draft = await cms.strapi.documents(REPORT).findFirst({});
    expect(JSON.stringify(draft)).not.toMatch(/<script|onerror/);
    await cms.strapi.documents(REPORT).delete({ documentId: draft.documentId });

    const many = await send(
      'editor',
      'preview',
      Array.from({ length: 21 }, (_, i) => [`${i}.txt`, seed] as [string, Buffer]),
    );
    expect(many.status).toBe(400);
    expect(many.body.error.message).toContain('一次最多导入 20 个文件');
    expect((await send('editor', 'preview', [])).body.error.message).toContain('没有收到文件');
    // Past the CMS's upload limit (UPLOAD_SIZE_LIMIT_MB, 50) the body is refused before the route runs.
    const beyond = await send('editor', 'save', [['beyond.txt', Buffer.alloc(51 * 1024 * 1024, 0x41)]]);
    expect(beyond.status).toBeGreaterThanOrEqual(400);
    expect(await reportCount()).toBe(0);
    expect((await fetch(`${cms.url}/_health`)).status).toBe(204);
  });

  it('save: a draft per agency and year; an inconsistent one only archived, and only by an archivist', async () => {
    const first = await send('editor', 'save', [['敬仲镇2020.txt', seed]]);
    expect(first.body.data[0]).toMatchObject({ status: 'created', message: expect.stringContaining('已新建草稿') });
    const again = await send('editor', 'save', [['敬仲镇2020.txt', seed]]);
    expect(again.body.data[0]).toMatchObject({ status: 'updated' });
    expect(await reportCount()).toBe(1);
    const draft = await cms.strapi.documents(REPORT).findFirst({});
    expect(draft.requestTable).toEqual(jingzhong2020.requestTable);

    const refused = await send('editor', 'save', [['不一致.txt', inconsistent]]);
    expect(refused.body.data[0]).toMatchObject({
      status: 'refused',
      message: expect.stringContaining('原报告有 2 处勾稽关系不一致，未导入'),
    });
    const forbidden = await send('editor', 'save', [['不一致.txt', inconsistent]], { archive: 'true' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toContain('原样归档');
    expect((await cms.strapi.documents(REPORT).findFirst({})).archivedAsPublished).toBe(false);

    const archived = await send('archivist', 'save', [['不一致.txt', inconsistent]], { archive: 'true' });
    expect(archived.body.data[0]).toMatchObject({ status: 'updated', archived: true });
    const kept = await cms.strapi.documents(REPORT).findFirst({});
    expect(kept.archivedAsPublished).toBe(true);
    expect(kept.archivedFindings.map((f: { rule: string }) => f.rule).sort()).toEqual(['R1', 'R2']);
    const entry = await cms.strapi.db
      .query('api::audit-entry.audit-entry')
      .findOne({ where: { targetDocumentId: kept.documentId, userEmail: logins.archivist.email } });
    expect(entry).toMatchObject({ action: 'update', origin: '管理后台' });
  });
});

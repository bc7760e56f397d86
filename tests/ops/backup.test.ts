import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Releases } from '../../scripts/publisher/releases.ts';
import { adminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';
import { assignAgencies } from '../../cms/src/scoping/agency-scope.ts';

/*
 * `npm run backup` of the demo (a real CMS with its demo content, an editor, an API token, an
 * upload and a publisher folder) while the CMS runs; `npm run restore` into a fresh installation;
 * the CMS booted on the restored database has the same rows, the same logins, no first-admin
 * registration, and the same API token. Then hostile archives, none of which writes anything.
 */

const root = path.resolve(import.meta.dirname, '../..');
const backupScript = path.join(root, 'scripts/backup/backup.ts');
const restoreScript = path.join(root, 'scripts/backup/restore.ts');
const uploadsDir = path.join(root, 'cms/public/uploads');
const admin = { email: 'chief@example.com', password: 'Test-Admin-12345' };
// Its own account: Strapi throttles logins per account (5 in 5 minutes) across the CMS instances of one process.
const pgAdmin = { email: 'pg-chief@example.com', password: 'Test-Admin-12345' };
const editor = { email: 'editor@example.com', password: 'Test-Editor-12345' };
const deepPath = 'policies/topic/财政预决算与政府采购信息公开专题/page/12/written/临淄区人民政府办公室关于印发若干规定的通知';
const secretNames = ['APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'];
const TYPES = ['policy-item', 'policy-interpretation', 'annual-report', 'disclosure-guide', 'agency', 'audit-entry', 'guide-revision'].map(
  (t) => `api::${t}.${t}`,
);
const ADMIN_TYPES = [
  'admin::user',
  'admin::role',
  'admin::permission',
  'admin::api-token',
  'plugin::upload.file',
  'plugin::users-permissions.role',
  'plugin::users-permissions.permission',
];

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs a script as `npm run backup|restore` does (Node 24, type stripping), without blocking the in-process CMS. */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    // Not the secrets the in-process CMS put into this process's environment: the scripts read them from --cms-env.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !secretNames.includes(name)));
    const child = spawn(process.execPath, [script, ...args], {
      cwd: root,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function counts(cms: RunningCms): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const uid of TYPES) {
    const query = cms.strapi.db.query(uid);
    out[uid] = await query.count!({});
    if (!uid.includes('audit-entry') && !uid.includes('guide-revision')) {
      out[`${uid} 草稿`] = await query.count!({ where: { publishedAt: null } });
      out[`${uid} 已发布`] = await query.count!({ where: { publishedAt: { $notNull: true } } });
    }
  }
  for (const uid of ADMIN_TYPES) out[uid] = await cms.strapi.db.query(uid).count!({});
  return out;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let work: string;
let cms: RunningCms | undefined;
let archive: string;
let archiveWithoutSecrets: string;
let before: Record<string, number>;
let secrets: Record<string, string>;
let apiToken: string;
let upload: { name: string; bytes: Buffer };
let liveRelease: string;
let backupRun: Run;
const uploadsBefore = new Set(existsSync(uploadsDir) ? readdirSync(uploadsDir) : []);

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'portal-backup-test-'));
  cms = await startCms({ admin });
  secrets = Object.fromEntries(secretNames.map((n) => [n, process.env[n]!]));
  const strapi = cms.strapi as any;
  const role = await strapi.service('admin::role').findOne({ code: 'disclosure-editor' });
  const editorUser = await strapi
    .service('admin::user')
    .create({ ...editor, firstname: '编辑', lastname: '测试', isActive: true, registrationToken: null, roles: [role.id] });
  // Works for the demo agencies (cms/src/scoping/).
  await assignAgencies(strapi, editorUser.id);

  // The editor's work leaves audit entries; a draft stays a draft.
  const editorClient = await adminClient(cms.url, editor);
  const agency = (await cms.strapi.documents('api::agency.agency').findFirst({})).documentId;
  const created = await editorClient.create('api::policy-item.policy-item', {
    title: '备份测试文件',
    indexNumber: 'TEST/2026-00001',
    publishDate: '2026-11-01',
    validity: 'valid',
    agency,
  });
  expect(created.status).toBe(201);
  expect((await editorClient.publish('api::policy-item.policy-item', created.body.data.documentId)).status).toBe(200);
  expect(
    (
      await editorClient.create('api::policy-item.policy-item', {
        title: '备份测试草稿',
        indexNumber: 'TEST/2026-00002',
        publishDate: '2026-11-02',
        validity: 'valid',
        agency,
      })
    ).status,
  ).toBe(201);

  // An upload through the admin, and an API token.
  const login = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const jwt = ((await login.json()) as { data: { token: string } }).data.token;
  const form = new FormData();
  const bytes = Buffer.from('%PDF-1.4\n% 备份测试附件\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  form.append('files', new Blob([bytes], { type: 'application/pdf' }), '备份测试.pdf');
  const uploaded = await fetch(`${cms.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
  expect(uploaded.status).toBe(201);
  const [file] = (await uploaded.json()) as Array<{ url: string }>;
  upload = { name: path.basename(file!.url), bytes };
  const chief = await adminClient(cms.url, admin);
  const token = await chief.request('POST', '/admin/api-tokens', { name: '备份测试令牌', type: 'read-only', lifespan: null });
  expect(token.status).toBe(201);
  apiToken = token.body.data.accessKey;
  expect((await fetch(`${cms.url}/api/agencies`, { headers: { authorization: `Bearer ${apiToken}` } })).status).toBe(200);

  // The publisher's folder as it keeps it: two releases, the second live, a log and a build cache.
  const publisherDir = path.join(work, 'publisher');
  const releases = new Releases(publisherDir);
  for (const text of ['旧版本', '当前版本']) {
    const { id, dir } = releases.create();
    mkdirSync(path.join(dir, 'client', 'policies'), { recursive: true });
    writeFileSync(path.join(dir, 'client', 'index.html'), `<h1>${text}</h1>`);
    writeFileSync(path.join(dir, 'client', 'policies', 'index.html'), `<h1>${text} 政策文件</h1>`);
    // Longer than tar's 100-byte names, and not ASCII: a PAX header.
    mkdirSync(path.join(dir, 'client', deepPath), { recursive: true });
    writeFileSync(path.join(dir, 'client', deepPath, 'index.html'), `<h1>${text} 主题分类</h1>`);
    releases.activate(id);
    liveRelease = id;
    await new Promise((r) => setTimeout(r, 5));
  }
  mkdirSync(path.join(publisherDir, 'logs'));
  writeFileSync(path.join(publisherDir, 'logs', `${liveRelease}.log`), 'build log');
  mkdirSync(path.join(publisherDir, 'cache'));
  writeFileSync(path.join(publisherDir, 'cache', 'data-store.json'), '{}');

  const envFile = path.join(work, 'cms.env');
  writeFileSync(envFile, `${secretNames.map((n) => `${n}=${secrets[n]}`).join('\n')}\n`, { mode: 0o600 });

  before = await counts(cms);
  archive = path.join(work, 'out', 'portal.tar.gz');
  // While the CMS runs (it keeps the database open).
  backupRun = await runScript(backupScript, ['--out', archive, '--with-secrets', '--cms-env', envFile, '--publisher-dir', publisherDir], {
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: process.env.DATABASE_FILENAME!,
  });
  // The same without the secrets, as an operator who keeps cms/.env elsewhere would make it.
  archiveWithoutSecrets = path.join(work, 'out', 'no-secrets.tar.gz');
  const plain = await runScript(backupScript, ['--out', archiveWithoutSecrets, '--cms-env', envFile, '--publisher-dir', publisherDir], {
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: process.env.DATABASE_FILENAME!,
  });
  expect(plain.stderr).toBe('');
  await cms.stop();
  cms = undefined;
});

afterAll(async () => {
  await cms?.stop();
  for (const name of existsSync(uploadsDir) ? readdirSync(uploadsDir) : [])
    if (!uploadsBefore.has(name)) rmSync(path.join(uploadsDir, name), { force: true });
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A fresh installation's places; restore writes nothing else. */
function freshTarget(name: string) {
  const dir = path.join(work, name);
  const target = {
    dir,
    db: path.join(dir, 'data', 'test.db'),
    uploads: path.join(dir, 'uploads'),
    publisher: path.join(dir, 'publisher'),
    env: path.join(dir, 'cms.env'),
  };
  mkdirSync(dir, { recursive: true });
  return target;
}

const restoreInto = (file: string, target: ReturnType<typeof freshTarget>, extra: string[] = []) =>
  runScript(restoreScript, [file, '--cms-env', target.env, '--uploads', target.uploads, '--publisher-dir', target.publisher, ...extra], {
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: target.db,
  });

describe('npm run backup', () => {
  it('writes one archive, readable by tar, mode 0600, with a manifest of the counts', () => {
    expect(backupRun.stderr).toBe('');
    expect(backupRun.code).toBe(0);
    expect(backupRun.stdout).toContain('备份完成');
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    const listing = spawnSync('tar', ['-tzf', archive], { encoding: 'utf8' });
    expect(listing.status).toBe(0);
    const names = listing.stdout.trim().split('\n');
    expect(names[0]).toBe('manifest.json');
    expect(names.at(-1)).toBe('checksums.json');
    expect(names).toContain('database/portal.sqlite');
    expect(names).toContain(`uploads/${upload.name}`);
    expect(names).toContain('secrets/cms.env');
    expect(names).toContain(`publisher/releases/${liveRelease}/client/index.html`);
    expect(names).toContain(`publisher/releases/${liveRelease}/client/${deepPath}/index.html`);
    // Only the live release; logs and the build cache are rebuilt.
    expect(names.filter((n) => n.startsWith('publisher/releases/') && !n.includes(liveRelease))).toEqual([]);
    expect(names.some((n) => n.includes('logs/') || n.includes('cache/'))).toBe(false);

    const manifest = JSON.parse(spawnSync('tar', ['-xzOf', archive, 'manifest.json'], { encoding: 'utf8' }).stdout);
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.database.client).toBe('sqlite');
    expect(manifest.versions.strapi).toMatch(/^5\./);
    expect(manifest.database.counts.tables.admin_users).toBe(before['admin::user']);
    expect(manifest.database.counts.tables.audit_entries).toBe(before['api::audit-entry.audit-entry']);
    expect(manifest.database.counts.drafts.policy_items).toEqual({
      drafts: before['api::policy-item.policy-item 草稿'],
      published: before['api::policy-item.policy-item 已发布'],
    });
    expect(manifest.publisher.current).toBe(liveRelease);
    expect(manifest.secrets.included).toBe(true);
    // The manifest marks the secrets, it never holds them.
    for (const n of secretNames) expect(JSON.stringify(manifest)).not.toContain(secrets[n]);
  });

  it('had something of everything to back up', () => {
    expect(before['admin::user']).toBe(2);
    for (const uid of [...TYPES, 'admin::role', 'admin::permission', 'admin::api-token', 'plugin::upload.file'])
      expect(before[uid], uid).toBeGreaterThan(0);
    expect(before['api::policy-item.policy-item 草稿']).toBeGreaterThan(0);
    expect(before['api::policy-item.policy-item 已发布']).toBeGreaterThan(0);
  });
});

describe('npm run restore', () => {
  let target: ReturnType<typeof freshTarget>;
  let restored: RunningCms;
  let restoreRun: Run;

  beforeAll(async () => {
    target = freshTarget('restored');
    restoreRun = await restoreInto(archive, target);
    if (restoreRun.code !== 0) return;
    // demo: true: the restored database is not empty, so no demo content may be added to it.
    restored = await startCms({ dataDir: path.dirname(target.db), demo: true, database: { ...secrets, DATABASE_FILENAME: target.db } });
    cms = restored;
  });

  afterAll(async () => {
    await cms?.stop();
    cms = undefined;
  });

  it('rebuilds the installation and checks the counts against the manifest', () => {
    expect(restoreRun.stderr).toBe('');
    expect(restoreRun.code).toBe(0);
    expect(restoreRun.stdout).toContain('各表行数与备份清单一致');
    expect(readFileSync(path.join(target.uploads, upload.name)).equals(upload.bytes)).toBe(true);
    // Media keep their mode (a web server may serve them); the database with the password hashes is the owner's only.
    expect(statSync(path.join(target.uploads, upload.name)).mode & 0o777).toBe(statSync(path.join(uploadsDir, upload.name)).mode & 0o777);
    expect(statSync(target.uploads).mode & 0o777).toBe(0o755);
    expect(statSync(target.db).mode & 0o777).toBe(0o600);
    expect(readlinkSync(path.join(target.publisher, 'current'))).toBe(path.join('releases', liveRelease));
    expect(readFileSync(path.join(target.publisher, 'current', 'client', 'index.html'), 'utf8')).toBe('<h1>当前版本</h1>');
    expect(readdirSync(path.join(target.publisher, 'releases'))).toEqual([liveRelease]);
    expect(readFileSync(path.join(target.publisher, 'current', 'client', deepPath, 'index.html'), 'utf8')).toBe(
      '<h1>当前版本 主题分类</h1>',
    );
    expect(statSync(target.env).mode & 0o777).toBe(0o600);
    expect(readFileSync(target.env, 'utf8')).toContain(`API_TOKEN_SALT=${secrets.API_TOKEN_SALT}`);
    expect(readdirSync(target.dir).filter((n) => n.includes('restoring'))).toEqual([]);
  });

  it('gives the CMS every row back: content with drafts and published, users, roles, permissions, tokens, audit log, revisions, media', async () => {
    expect(await counts(restored)).toEqual(before);
  });

  it('lets the administrator and the editor log in with their passwords, and offers no first-admin registration', async () => {
    const init = await fetch(`${restored.url}/admin/init`);
    expect(((await init.json()) as { data: { hasAdmin: boolean } }).data.hasAdmin).toBe(true);
    for (const login of [admin, editor]) {
      const response = await fetch(`${restored.url}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(login),
      });
      expect(response.status, login.email).toBe(200);
    }
    const wrong = await fetch(`${restored.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...admin, password: 'Wrong-Password-1' }),
    });
    expect(wrong.status).toBe(400);
    const register = await fetch(`${restored.url}/admin/register-admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'intruder@example.com', password: 'Intruder-12345', firstname: 'x' }),
    });
    expect(register.status).not.toBe(200);
    expect(await restored.strapi.db.query('admin::user').count!({ where: { email: 'intruder@example.com' } })).toBe(0);
  });

  it('keeps API tokens working when the secrets are restored with them', async () => {
    expect((await fetch(`${restored.url}/api/agencies`, { headers: { authorization: `Bearer ${apiToken}` } })).status).toBe(200);
    expect((await fetch(`${restored.url}/api/agencies`, { headers: { authorization: `Bearer ${apiToken}x` } })).status).toBe(401);
  });

  it('refuses, in Chinese, to overwrite a database that is not empty, and changes nothing', async () => {
    await restored.stop();
    cms = undefined;
    const db = sha(target.db);
    const run = await restoreInto(archive, target);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/目标安装不是空的.*已有数据.*--force/);
    expect(sha(target.db)).toBe(db);
  });

  it('with --force replaces it and keeps the old data aside', async () => {
    const run = await restoreInto(archive, target, ['--force']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const aside = /原有数据已移到 (\S+)/.exec(run.stdout)?.[1];
    expect(aside).toBeTruthy();
    try {
      expect(existsSync(path.join(aside!, 'test.db'))).toBe(true);
      expect(existsSync(path.join(aside!, 'uploads', upload.name))).toBe(true);
    } finally {
      rmSync(aside!, { recursive: true, force: true });
    }
  });
});

describe('npm run restore without the secrets', () => {
  it('says which secrets differ and what that breaks; logins still work, API tokens do not', async () => {
    expect(spawnSync('tar', ['-tzf', archiveWithoutSecrets], { encoding: 'utf8' }).stdout).not.toContain('secrets/');
    const target = freshTarget('lost-secrets');
    writeFileSync(target.env, 'API_TOKEN_SALT=a-new-salt\nADMIN_JWT_SECRET=a-new-secret\n');
    const run = await restoreInto(archiveWithoutSecrets, target);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('API_TOKEN_SALT 与备份时不同或未设置：所有 API 令牌（含门户预览令牌）失效');
    expect(run.stderr).toContain('ADMIN_JWT_SECRET 与备份时不同或未设置：所有管理员需重新登录');
    // Fresh secrets, as after losing cms/.env.
    cms = await startCms({ dataDir: path.dirname(target.db), demo: false, database: { DATABASE_FILENAME: target.db } });
    try {
      const login = await fetch(`${cms.url}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(admin),
      });
      expect(login.status).toBe(200);
      expect((await fetch(`${cms.url}/api/agencies`, { headers: { authorization: `Bearer ${apiToken}` } })).status).toBe(401);
    } finally {
      await cms.stop();
      cms = undefined;
    }
  });
});

describe('npm run restore refuses hostile or broken archives, writing nothing', () => {
  let crafted: string;
  let manifestText: string;
  beforeAll(() => {
    crafted = path.join(work, 'crafted');
    mkdirSync(path.join(crafted, 'a', 'b'), { recursive: true });
    manifestText = spawnSync('tar', ['-xzOf', archive, 'manifest.json'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(crafted, 'a', 'b', 'manifest.json'), manifestText);
    writeFileSync(path.join(crafted, 'evil.txt'), 'pwned');
  });

  async function refused(file: string, message: RegExp) {
    const target = freshTarget(`hostile-${path.basename(file)}`);
    const run = await restoreInto(file, target);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('目标安装未被改动');
    expect(readdirSync(target.dir)).toEqual([]);
    expect(existsSync(path.join(work, 'evil.txt'))).toBe(false);
    expect(existsSync(path.join(path.dirname(work), 'evil.txt'))).toBe(false);
  }

  const tarFrom = (name: string, cwd: string, members: string[]) => {
    const file = path.join(work, name);
    const result = spawnSync('tar', ['--format=posix', '-czf', file, '-P', '-C', cwd, ...members], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return file;
  };

  it('a truncated archive', async () => {
    const file = path.join(work, 'truncated.tar.gz');
    const bytes = readFileSync(archive);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await refused(file, /备份文件已损坏或被截断|被截断/);
  });

  it('a tar cut short inside a valid gzip', async () => {
    const tar = gunzipSync(readFileSync(archive));
    const file = path.join(work, 'short.tar.gz');
    writeFileSync(file, gzipSync(tar.subarray(0, Math.floor(tar.length / 2))));
    await refused(file, /不完整|被截断/);
  });

  it('a corrupted archive', async () => {
    const file = path.join(work, 'corrupt.tar.gz');
    const bytes = Buffer.from(readFileSync(archive));
    for (let i = 0; i < 64; i++) bytes[Math.floor(bytes.length / 2) + i] ^= 0x5a;
    writeFileSync(file, bytes);
    await refused(file, /损坏/);
  });

  it('a file that is not an archive at all', async () => {
    const file = path.join(work, 'not-an-archive.tar.gz');
    writeFileSync(file, 'hello, this is not gzip');
    await refused(file, /损坏/);
  });

  it('an entry with ../ (path traversal)', async () => {
    const file = tarFrom('traversal.tar.gz', path.join(crafted, 'a', 'b'), ['manifest.json', '../../evil.txt']);
    expect(spawnSync('tar', ['-tzf', file], { encoding: 'utf8' }).stdout).toContain('../../evil.txt');
    await refused(file, /路径穿越/);
  });

  it('an entry with an absolute path', async () => {
    const file = tarFrom('absolute.tar.gz', path.join(crafted, 'a', 'b'), ['manifest.json', path.join(crafted, 'evil.txt')]);
    await refused(file, /绝对路径/);
  });

  it('a symlink entry', async () => {
    const dir = path.join(work, 'with-link');
    mkdirSync(path.join(dir, 'uploads'), { recursive: true });
    copyFileSync(path.join(crafted, 'a', 'b', 'manifest.json'), path.join(dir, 'manifest.json'));
    symlinkSync('/etc/passwd', path.join(dir, 'uploads', 'passwd'));
    expect(lstatSync(path.join(dir, 'uploads', 'passwd')).isSymbolicLink()).toBe(true);
    await refused(tarFrom('symlink.tar.gz', dir, ['manifest.json', 'uploads/passwd']), /符号链接/);
  });

  it('an archive of another format version', async () => {
    const dir = path.join(work, 'future');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...JSON.parse(manifestText), formatVersion: 99 }));
    await refused(tarFrom('future.tar.gz', dir, ['manifest.json']), /备份格式版本为 99，本程序只能恢复版本 1/);
  });

  it('an archive that unpacks to far more than its manifest declares', async () => {
    const dir = path.join(work, 'bomb');
    mkdirSync(path.join(dir, 'uploads'), { recursive: true });
    const manifest = JSON.parse(manifestText);
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({ ...manifest, database: { ...manifest.database, bytes: 0 }, uploads: { files: 1, bytes: 0 }, publisher: null }),
    );
    writeFileSync(path.join(dir, 'uploads', 'zeros.bin'), Buffer.alloc(0));
    truncateSync(path.join(dir, 'uploads', 'zeros.bin'), 80 * 1024 * 1024);
    await refused(tarFrom('bomb.tar.gz', dir, ['manifest.json', 'uploads/zeros.bin']), /解压后超过了清单声明的大小/);
  });

  it('an archive whose database does not match its checksums', async () => {
    const dir = path.join(work, 'tampered');
    mkdirSync(dir);
    spawnSync('tar', ['-xzf', archive, '-C', dir]);
    writeFileSync(path.join(dir, 'uploads', upload.name), 'changed');
    const members = spawnSync('tar', ['-tzf', archive], { encoding: 'utf8' }).stdout.trim().split('\n');
    await refused(tarFrom('tampered.tar.gz', dir, members), /校验和不符/);
  });
});

describe('npm run backup while editors write', () => {
  it('copies a consistent database without failing a write, and the copy restores', async () => {
    cms = await startCms({ admin: { email: 'busy-chief@example.com', password: 'Test-Admin-12345' } });
    const items = cms.strapi.documents('api::policy-item.policy-item');
    const agency = (await cms.strapi.documents('api::agency.agency').findFirst({})).documentId;
    const first = await cms.strapi.db.query('api::policy-item.policy-item').count!({});
    let writing = true;
    let written = 0;
    const errors: unknown[] = [];
    const writer = (async () => {
      while (writing) {
        try {
          await items.create({
            data: {
              title: `并发写入 ${written}`,
              indexNumber: `TEST/2027-${String(written + 1).padStart(5, '0')}`,
              publishDate: '2026-11-03',
              validity: 'valid',
              agency,
            },
          });
          written += 1;
          // better-sqlite3 answers synchronously: let the event loop see the backup process too.
          await new Promise((resolve) => setImmediate(resolve));
        } catch (error) {
          errors.push(error);
          break;
        }
      }
    })();
    const file = path.join(work, 'out', 'busy.tar.gz');
    const envFile = path.join(work, 'busy.env');
    writeFileSync(envFile, '');
    const runs: Run[] = [];
    // Several backups in a row, so that some overlap the writes.
    for (let i = 0; i < 3; i++) {
      rmSync(file, { force: true });
      runs.push(
        await runScript(backupScript, ['--out', file, '--cms-env', envFile, '--publisher-dir', path.join(work, 'none')], {
          DATABASE_CLIENT: 'sqlite',
          DATABASE_FILENAME: process.env.DATABASE_FILENAME!,
        }),
      );
    }
    writing = false;
    await writer;
    const last = await cms.strapi.db.query('api::policy-item.policy-item').count!({});
    await cms.stop();
    cms = undefined;
    expect(errors).toEqual([]);
    expect(written).toBeGreaterThan(0);
    for (const run of runs) expect(run.stderr + run.code).toBe('0');

    const target = freshTarget('busy');
    const restored = await restoreInto(file, target);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const manifest = JSON.parse(spawnSync('tar', ['-xzOf', file, 'manifest.json'], { encoding: 'utf8' }).stdout);
    const copied = manifest.database.counts.tables.policy_items as number;
    expect(copied).toBeGreaterThanOrEqual(first);
    expect(copied).toBeLessThanOrEqual(last);
  });
});

describe('backup and restore on PostgreSQL (pg_dump / pg_restore)', () => {
  let pg: RunningPostgres;
  let restoredEnv: Record<string, string>;
  let pgArchive: string;
  let pgBefore: Record<string, number>;
  let backupPg: Run;

  beforeAll(async () => {
    pg = await startPostgres();
    cms = await startCms({ admin: pgAdmin, database: pg.env });
    pgBefore = await counts(cms);
    pgArchive = path.join(work, 'out', 'postgres.tar.gz');
    const empty = path.join(work, 'pg-empty');
    backupPg = await runScript(
      backupScript,
      ['--out', pgArchive, '--cms-env', path.join(work, 'none.env'), '--uploads', empty, '--publisher-dir', empty],
      pg.env,
    );
    await cms.stop();
    cms = undefined;
    const client = new (createRequire(path.join(root, 'cms/package.json'))('pg').Client)({
      host: pg.env.DATABASE_HOST,
      port: Number(pg.env.DATABASE_PORT),
      user: 'portal',
      database: 'portal_test',
    });
    await client.connect();
    await client.query('CREATE DATABASE portal_restored');
    await client.end();
    restoredEnv = { ...pg.env, DATABASE_NAME: 'portal_restored' };
  });

  afterAll(async () => {
    await cms?.stop();
    cms = undefined;
    await pg?.stop();
  });

  it('backs up the running CMS and restores into an empty database with the same counts and logins', async () => {
    expect(backupPg.stderr).toBe('');
    expect(backupPg.code).toBe(0);
    expect(spawnSync('tar', ['-tzf', pgArchive], { encoding: 'utf8' }).stdout).toContain('database/portal.pgdump');
    const target = freshTarget('pg-restored');
    const run = await runScript(
      restoreScript,
      [pgArchive, '--cms-env', target.env, '--uploads', target.uploads, '--publisher-dir', target.publisher],
      restoredEnv,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    cms = await startCms({ demo: true, database: restoredEnv });
    expect(await counts(cms)).toEqual(pgBefore);
    const init = await fetch(`${cms.url}/admin/init`);
    expect(((await init.json()) as { data: { hasAdmin: boolean } }).data.hasAdmin).toBe(true);
    const login = await fetch(`${cms.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(pgAdmin),
    });
    expect(login.status).toBe(200);
    await cms.stop();
    cms = undefined;
  });

  it('refuses to restore over a PostgreSQL database that has content', async () => {
    const target = freshTarget('pg-occupied');
    const run = await runScript(
      restoreScript,
      [pgArchive, '--cms-env', target.env, '--uploads', target.uploads, '--publisher-dir', target.publisher],
      pg.env,
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/目标安装不是空的：PostgreSQL 数据库.*已有数据/);
  });
});

import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { importCatalog, type CatalogImportReport } from './catalog';

/*
 * The admin's 导入政策目录 page talks to these routes (admin-authenticated, beside the content manager's own admin routes):
 *   POST /catalog-import/check   multipart: file (CSV/XLSX) and attachments (several files) → dry run report and a token
 *   POST /catalog-import/run     { token, draft } → starts the import of exactly the files checked
 *   GET  /catalog-import/jobs/:id → progress, then the summary
 * Only who may create policy items (and publish them, unless importing drafts) may use them: the
 * permission is checked, not a role's name, so Super Admin and 信息公开编辑 may and a role without
 * it may not. One import runs at a time (the database has one writer).
 */

const UID = 'api::policy-item.policy-item';
const CREATE = 'plugin::content-manager.explorer.create';
const PUBLISH = 'plugin::content-manager.explorer.publish';
const UPLOAD = 'plugin::upload.assets.create';

/** Largest request the page may send (catalogue and attachments together), in MB; CATALOG_IMPORT_MAX_MB changes it. */
const maxRequestMb = () => Number(process.env.CATALOG_IMPORT_MAX_MB) || 100;
/** Most attachment files of one upload. */
const MAX_ATTACHMENTS = 500;
/** A checked upload waits this long for its import. */
const SESSION_MS = 60 * 60 * 1000;

type UploadedFile = { filepath: string; originalFilename?: string | null; size: number };
type Ability = { can: (action: string, subject?: string) => boolean };
type Ctx = {
  request: {
    files?: Record<string, UploadedFile | UploadedFile[] | undefined>;
    body?: Record<string, unknown>;
    headers: Record<string, string | undefined>;
    path: string;
    method: string;
  };
  params: Record<string, string>;
  state: { userAbility?: Ability; user?: { firstname?: string; lastname?: string; email?: string } };
  status: number;
  body: unknown;
  set: (name: string, value: string) => void;
};

type Session = { dir: string; file: string; attachmentsDir?: string; fileName: string; expires: number };
type Job = {
  id: string;
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  created: number;
  updated: number;
  report?: CatalogImportReport;
  message?: string;
};

const sessions = new Map<string, Session>();
const jobs = new Map<string, Job>();
let running: Job | undefined;

const token = () => randomBytes(18).toString('base64url');

function refuse(ctx: Ctx, status: number, message: string): void {
  ctx.status = status;
  ctx.body = { error: { status, message } };
}

function allowed(ctx: Ctx, actions: string[]): boolean {
  const ability = ctx.state.userAbility;
  return Boolean(ability && actions.every((action) => ability.can(action, action === UPLOAD ? undefined : UID)));
}

const list = (value: UploadedFile | UploadedFile[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** A file name as the editor's computer named it, without any folder part; undefined when none is left. */
function plainName(name: string | null | undefined): string | undefined {
  const base = (name ?? '').split(/[\\/]/).pop()!.normalize('NFC').trim();
  if (!base || base === '.' || base === '..' || base.startsWith('.') || /[\u0000-\u001f]/.test(base) || base.length > 200) return undefined;
  return base;
}

async function dropSession(id: string): Promise<void> {
  const session = sessions.get(id);
  sessions.delete(id);
  if (session) await rm(session.dir, { recursive: true, force: true });
}

async function dropExpired(): Promise<void> {
  const now = Date.now();
  for (const [id, session] of sessions) if (session.expires < now) await dropSession(id);
}

async function check(strapi: Core.Strapi, ctx: Ctx): Promise<void> {
  if (!allowed(ctx, [CREATE]))
    return refuse(ctx, 403, '您没有新建政策文件的权限，不能导入政策目录；请联系管理员为您的角色开通“政策文件”的新建权限');
  await dropExpired();
  const files = ctx.request.files ?? {};
  const [file, ...more] = list(files.file);
  const attachments = list(files.attachments);
  if (!file) return refuse(ctx, 400, '请选择要导入的目录文件（.csv 或 .xlsx）');
  if (more.length > 0) return refuse(ctx, 400, '一次只能导入一个目录文件；附件请放在“附件”中选择');
  const fileName = plainName(file.originalFilename);
  const ext = path.extname(fileName ?? '').toLowerCase();
  if (!fileName || !['.csv', '.xlsx'].includes(ext)) {
    return refuse(
      ctx,
      400,
      `目录文件“${file.originalFilename ?? ''}”不是 .csv 或 .xlsx 文件；请用 Excel 或 WPS 另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再导入`,
    );
  }
  if (attachments.length > 0 && !allowed(ctx, [UPLOAD]))
    return refuse(ctx, 403, '您没有上传媒体文件的权限，不能导入附件；请联系管理员开通，或不带附件导入');
  if (attachments.length > MAX_ATTACHMENTS)
    return refuse(ctx, 400, `一次最多上传 ${MAX_ATTACHMENTS} 个附件，本次 ${attachments.length} 个；请分批导入`);
  const names = new Set<string>();
  for (const attachment of attachments) {
    const name = plainName(attachment.originalFilename);
    if (!name)
      return refuse(ctx, 400, `附件文件名“${attachment.originalFilename ?? ''}”不可用（空、以点开头、含控制字符或过长）；请改名后再选择`);
    if (names.has(name)) return refuse(ctx, 400, `附件“${name}”选择了两次；同名附件只能有一个`);
    names.add(name);
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), 'catalog-upload-'));
  try {
    const target = path.join(dir, `目录${ext}`);
    await copyFile(file.filepath, target);
    let attachmentsDir: string | undefined;
    if (attachments.length > 0) {
      attachmentsDir = path.join(dir, '附件');
      await mkdir(attachmentsDir);
      for (const attachment of attachments)
        await copyFile(attachment.filepath, path.join(attachmentsDir, plainName(attachment.originalFilename)!));
    }
    const report = await importCatalog(strapi, { file: target, attachmentsDir, dryRun: true });
    const id = token();
    sessions.set(id, { dir, file: target, attachmentsDir, fileName, expires: Date.now() + SESSION_MS });
    ctx.body = { token: report.ok ? id : null, fileName, attachments: attachments.length, report: trimmed(report) };
    if (!report.ok) await dropSession(id);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** At most 2,000 problems go to the page (a file wrong in every row would otherwise send megabytes). */
function trimmed(report: CatalogImportReport): CatalogImportReport & { problemsLeftOut: number } {
  return { ...report, problems: report.problems.slice(0, 2000), problemsLeftOut: Math.max(0, report.problems.length - 2000) };
}

async function run(strapi: Core.Strapi, ctx: Ctx): Promise<void> {
  const body = ctx.request.body ?? {};
  const draft = body.draft === true;
  if (!allowed(ctx, draft ? [CREATE] : [CREATE, PUBLISH])) {
    return refuse(
      ctx,
      403,
      draft ? '您没有新建政策文件的权限，不能导入政策目录' : '您没有发布政策文件的权限；请选择“导入为草稿”，或联系管理员开通发布权限',
    );
  }
  const session = typeof body.token === 'string' ? sessions.get(body.token) : undefined;
  if (!session) return refuse(ctx, 400, '没有找到已检查的文件（检查结果已过期或已导入过）；请重新选择文件并试运行');
  if (running) return refuse(ctx, 409, `另一导入正在进行（已完成 ${running.done}/${running.total} 项）；请等它结束后再导入`);
  sessions.delete(body.token as string);
  const user = ctx.state.user;
  const who = user ? [user.lastname, user.firstname].filter(Boolean).join('') || user.email : undefined;
  const job: Job = { id: token(), status: 'running', done: 0, total: 0, created: 0, updated: 0 };
  jobs.set(job.id, job);
  running = job;
  void importCatalog(strapi, {
    file: session.file,
    attachmentsDir: session.attachmentsDir,
    draft,
    origin: `目录导入（管理后台${who ? `，${who}` : ''}，${session.fileName}）`,
    onProgress(progress) {
      Object.assign(job, progress);
    },
  })
    .then((report) => {
      job.report = trimmed(report);
      job.status = report.ok ? 'done' : 'failed';
      job.message = report.fatal;
    })
    .catch((error: unknown) => {
      job.status = 'failed';
      job.message = `导入中断：${error instanceof Error ? error.message.slice(0, 300) : String(error)}。已提交的批次保留，未提交的没有写入；重新选择同一文件导入即可继续`;
    })
    .finally(() => {
      running = undefined;
      void rm(session.dir, { recursive: true, force: true });
      // A finished job is kept for an hour, for the page to read its summary.
      setTimeout(() => jobs.delete(job.id), SESSION_MS).unref();
    });
  ctx.status = 202;
  ctx.body = { job: job.id };
}

function progress(ctx: Ctx): void {
  if (!allowed(ctx, [CREATE])) return refuse(ctx, 403, '您没有新建政策文件的权限');
  const job = jobs.get(ctx.params.id ?? '');
  if (!job) return refuse(ctx, 404, '没有这项导入（可能已过去一小时以上）');
  ctx.body = job;
}

/**
 * The page's routes, and a size check that runs before the request body is read (Strapi's body
 * parser would otherwise answer an oversized upload in English, after writing it to disk).
 */
export function registerCatalogImportRoutes(strapi: Core.Strapi): void {
  const server = strapi.server as unknown as {
    use: (middleware: (ctx: Ctx, next: () => Promise<void>) => Promise<void>) => void;
    routes: (routes: { type: string; prefix?: string; routes: unknown[] }) => void;
  };
  server.use(async (ctx, next) => {
    if (ctx.request.method === 'POST' && ctx.request.path === '/catalog-import/check') {
      const length = Number(ctx.request.headers['content-length'] ?? 0);
      const limit = maxRequestMb();
      if (length > limit * 1024 * 1024) {
        return refuse(
          ctx,
          413,
          `上传的文件共 ${(length / 1024 / 1024).toFixed(1)} MB，超过上限 ${limit} MB；请把目录拆分为几个文件，或分批上传附件`,
        );
      }
    }
    await next();
  });
  const handler = (fn: (strapi: Core.Strapi, ctx: Ctx) => Promise<void> | void) => (ctx: Ctx) => fn(strapi, ctx);
  server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      { method: 'POST', path: '/catalog-import/check', handler: handler(check), config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'POST', path: '/catalog-import/run', handler: handler(run), config: { policies: ['admin::isAuthenticatedAdmin'] } },
      {
        method: 'GET',
        path: '/catalog-import/jobs/:id',
        handler: handler((_s, ctx) => progress(ctx)),
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  });
}

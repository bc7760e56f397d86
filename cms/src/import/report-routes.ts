import { readFileSync, rmSync } from 'node:fs';
import type { Core } from '@strapi/strapi';
import { decodeReportText, importAnnualReport, sizeProblem, type ImportedReport } from '@portal/shared';
import { ARCHIVE_ACTION } from '../validation/archive';
import { findAgency, saveImportedReport, type SaveOutcome } from './annual-reports';

/*
 * The admin's 导入年度报告 page (cms/src/admin/pages/ReportImport.tsx) calls these, with the admin
 * session: POST /report-import/preview (the files → the import report of each, nothing stored) and
 * POST /report-import/save (the same files → drafts; `archive=true` for 原样归档). Both need the
 * right to create annual reports; archiving needs the 原样归档 permission as well (and the
 * validation middleware checks it again on the save itself).
 */

const UID = 'api::annual-report.annual-report';
const MAX_FILES = 20;

type Ability = { can: (action: string, subject?: unknown) => boolean };
type UploadedFile = { filepath: string; originalFilename?: string | null; size: number };
type Ctx = {
  state: { userAbility?: Ability };
  request: { files?: Record<string, UploadedFile | UploadedFile[]>; body?: Record<string, unknown> };
  status: number;
  body: unknown;
};

export type PreviewEntry =
  | { file: string; ok: false; error: string }
  | { file: string; ok: true; report: ImportedReport; agencyFound: boolean; errors: number; archivable: boolean };

function refuse(ctx: Ctx, status: number, message: string): void {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name: status === 403 ? 'ForbiddenError' : 'ValidationError', message, details: {} } };
}

/** The uploaded files as text, each read or refused with a Chinese message; their temporary copies removed. */
function readUploads(ctx: Ctx): Array<{ file: string; text?: string; error?: string }> | undefined {
  const given = ctx.request.files?.files;
  const files = given === undefined ? [] : Array.isArray(given) ? given : [given];
  const all = Object.values(ctx.request.files ?? {}).flat();
  try {
    if (files.length === 0) {
      refuse(ctx, 400, '没有收到文件：请选择一个或多个年度报告的文本文件（.txt、.md、.html，UTF-8 编码）');
      return undefined;
    }
    if (files.length > MAX_FILES) {
      refuse(ctx, 400, `一次最多导入 ${MAX_FILES} 个文件，收到 ${files.length} 个；请分批导入`);
      return undefined;
    }
    return files.map((f) => {
      const name = String(f.originalFilename ?? '未命名文件').slice(0, 200);
      const tooBig = sizeProblem(f.size, name);
      if (tooBig) return { file: name, error: tooBig };
      const decoded = decodeReportText(readFileSync(f.filepath), name);
      return decoded.ok ? { file: name, text: decoded.text } : { file: name, error: decoded.message };
    });
  } finally {
    for (const f of all) rmSync(f.filepath, { force: true });
  }
}

function allowed(ctx: Ctx, archive: boolean): boolean {
  const ability = ctx.state.userAbility;
  if (!ability?.can('plugin::content-manager.explorer.create', UID)) {
    refuse(ctx, 403, '您没有新建年度报告的权限，不能导入年度报告；请联系管理员');
    return false;
  }
  if (archive && !ability.can(ARCHIVE_ACTION)) {
    refuse(ctx, 403, '只有具有“原样归档”权限的人员（档案管理角色或超级管理员）可以按原发布内容存档；请取消“原样归档”，或联系档案管理人员');
    return false;
  }
  return true;
}

function importOne(file: string, text: string): ImportedReport {
  return { ...importAnnualReport(text, { fileName: file }), file };
}

export function registerReportImportRoutes(strapi: Core.Strapi): void {
  const preview = async (ctx: Ctx) => {
    if (!allowed(ctx, false)) return;
    const uploads = readUploads(ctx);
    if (!uploads) return;
    const mayArchive = ctx.state.userAbility?.can(ARCHIVE_ACTION) ?? false;
    const entries: PreviewEntry[] = [];
    for (const upload of uploads) {
      if (upload.error !== undefined || upload.text === undefined) {
        entries.push({ file: upload.file, ok: false, error: upload.error ?? '无法读取' });
        continue;
      }
      try {
        const report = importOne(upload.file, upload.text);
        const errors = report.findings.filter((f) => f.severity === 'error').length;
        const agencyFound = report.agency ? Boolean(await findAgency(strapi, report.agency)) : false;
        entries.push({ file: upload.file, ok: true, report, agencyFound, errors, archivable: mayArchive });
      } catch (error) {
        entries.push({
          file: upload.file,
          ok: false,
          error: `“${upload.file}”导入时出错：${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    ctx.body = { data: entries };
  };

  const save = async (ctx: Ctx) => {
    const archive = String(ctx.request.body?.archive ?? '') === 'true';
    if (!allowed(ctx, archive)) return;
    const uploads = readUploads(ctx);
    if (!uploads) return;
    const outcomes: SaveOutcome[] = [];
    for (const upload of uploads) {
      if (upload.error !== undefined || upload.text === undefined) {
        outcomes.push({ file: upload.file, status: 'refused', message: upload.error ?? '无法读取' });
        continue;
      }
      try {
        const report = importOne(upload.file, upload.text);
        outcomes.push(
          report.templateVersion
            ? await saveImportedReport(strapi, report, { archive })
            : { file: upload.file, status: 'refused', message: `“${upload.file}”：找不到报告年度或格式版本，未导入` },
        );
      } catch (error) {
        outcomes.push({
          file: upload.file,
          status: 'refused',
          message: `“${upload.file}”导入时出错：${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    ctx.body = { data: outcomes };
  };

  strapi.server.routes({
    type: 'admin',
    prefix: '/report-import',
    routes: [
      { method: 'POST', path: '/preview', handler: preview, config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'POST', path: '/save', handler: save, config: { policies: ['admin::isAuthenticatedAdmin'] } },
    ],
  } as never);
}

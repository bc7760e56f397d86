import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { AUDITED_ACTIONS } from '../audit/actions';
import { refusalOf, type UploadedFile } from './upload-check';

const AUDIT_UID = 'api::audit-entry.audit-entry';

type StoredFile = { id?: number; documentId?: string; name?: string; mime?: string; size?: number; ext?: string };
type User = { id?: number; firstname?: string; lastname?: string; email?: string };
type UploadService = {
  upload: (args: { data: unknown; files: UploadedFile | UploadedFile[] }, opts?: { user?: User }) => Promise<StoredFile[]>;
  replace: (id: unknown, args: { data: unknown; file: UploadedFile }, opts?: { user?: User }) => Promise<StoredFile>;
};

async function refuseAny(files: UploadedFile[]): Promise<void> {
  const reasons = (await Promise.all(files.map(refusalOf))).filter((r): r is string => r !== null);
  if (reasons.length === 0) return;
  // Nothing of the request is stored when one file is refused: the editor fixes it and sends again.
  throw new errors.ValidationError(reasons.join('\n'), {
    errors: reasons.map((message) => ({ path: ['files'], message, name: 'ValidationError' })),
  });
}

async function audit(strapi: Core.Strapi, stored: StoredFile[], user: User | undefined, replaced: boolean): Promise<void> {
  const ctx = strapi.requestContext.get();
  const strategy = ctx?.state?.auth?.strategy?.name as string | undefined;
  const who = user ?? (strategy === 'admin' ? (ctx?.state?.user as User | undefined) : undefined);
  for (const file of stored) {
    const size = typeof file.size === 'number' ? `${file.size.toFixed(1)} KB` : '大小未知';
    await strapi.db.query(AUDIT_UID).create({
      data: {
        action: 'upload',
        actionLabel: replaced ? `${AUDITED_ACTIONS.upload}（替换）` : AUDITED_ACTIONS.upload,
        contentType: 'plugin::upload.file',
        contentTypeLabel: '媒体文件',
        targetDocumentId: file.documentId,
        title: `${file.name ?? ''}（${file.mime ?? '类型未知'}，${size}）`,
        userId: who?.id,
        userName: who ? [who.lastname, who.firstname].filter(Boolean).join('') : undefined,
        userEmail: who?.email,
        origin: strategy === 'admin' ? '管理后台' : strategy ? `接口（${strategy}）` : '系统',
      },
    });
  }
}

/**
 * Every path into the media library (the admin's upload and replace, upload from URL, the content
 * API) ends in the upload service's `upload` or `replace`: the content check and the audit sit
 * there, so no route can go around them.
 */
export function registerUploadGuard(strapi: Core.Strapi): void {
  const service = strapi.plugin('upload').service('upload') as UploadService;
  const upload = service.upload;
  const replace = service.replace;
  service.upload = async (args, opts) => {
    await refuseAny(Array.isArray(args.files) ? args.files : [args.files]);
    const stored = await upload(args, opts);
    await audit(strapi, stored, opts?.user, false);
    return stored;
  };
  service.replace = async (id, args, opts) => {
    if (args.file) await refuseAny([args.file]);
    const stored = await replace(id, args, opts);
    await audit(strapi, [stored], opts?.user, true);
    return stored;
  };
}

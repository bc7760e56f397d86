import { createHash } from 'node:crypto';
import type { Counts } from './database.ts';
import { BackupError } from './tar.ts';

/** What `npm run backup` writes first into every archive, and `npm run restore` reads first. */

export const FORMAT = 'gov-disclosure-portal-backup';
export const FORMAT_VERSION = 1;

/** The CMS secrets (cms/.env). API token hashes are HMACs keyed with API_TOKEN_SALT. */
export const secretNames = [
  'APP_KEYS',
  'ADMIN_JWT_SECRET',
  'API_TOKEN_SALT',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

export type Manifest = {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  versions: { cms: string; strapi: string; node: string; database: string };
  database: { client: 'sqlite' | 'postgres'; entry: string; bytes: number; counts: Counts };
  /** The same counts under the names an operator knows. */
  summary: Record<string, number>;
  uploads: { files: number; bytes: number };
  /** The release being served and the publisher's own state files, or null without a publisher folder. */
  publisher: { current: string | null; files: number; bytes: number } | null;
  secrets: { included: boolean; fingerprints: Record<string, string> };
};

/** Entries besides the manifest and the checksums: their archive folders. */
export const entryRoots = ['database', 'uploads', 'publisher', 'secrets'] as const;
export const MANIFEST = 'manifest.json';
export const CHECKSUMS = 'checksums.json';

/** A short, one-way mark of a secret, so a restore can tell whether the secrets are the same without storing them. */
export const fingerprint = (name: string, value: string) =>
  createHash('sha256').update(`portal-backup\0${name}\0${value}`).digest('hex').slice(0, 16);

export function fingerprints(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of secretNames) if (env[name]) out[name] = fingerprint(name, env[name]!);
  return out;
}

const named: Array<[string, string]> = [
  ['admin_users', '管理员账号'],
  ['admin_roles', '管理员角色'],
  ['admin_permissions', '角色权限'],
  ['strapi_api_tokens', 'API 令牌'],
  ['strapi_api_token_permissions', 'API 令牌权限'],
  ['up_roles', '前台角色'],
  ['up_permissions', '前台权限'],
  ['audit_entries', '审计日志'],
  ['guide_revisions', '指南修订记录'],
  ['review_requests', '审核记录'],
  ['files', '媒体文件记录'],
];

export function summarize(counts: Counts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [table, label] of named) if (counts.tables[table] !== undefined) out[label] = counts.tables[table];
  for (const [table, { drafts, published }] of Object.entries(counts.drafts)) {
    if (
      named.some(([t]) => t === table) ||
      table.startsWith('admin_') ||
      table.startsWith('strapi_') ||
      table.startsWith('up_') ||
      table === 'files' ||
      table === 'upload_folders' ||
      table.startsWith('i18n_')
    )
      continue;
    out[`${table}（草稿）`] = drafts;
    out[`${table}（已发布）`] = published;
  }
  return out;
}

export function checkManifest(value: unknown): Manifest {
  const m = value as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || m.format !== FORMAT) throw new BackupError('这不是本平台的备份文件（manifest.json 中的格式标识不符）');
  if (m.formatVersion !== FORMAT_VERSION)
    throw new BackupError(
      `备份格式版本为 ${String(m.formatVersion)}，本程序只能恢复版本 ${FORMAT_VERSION}：请使用与备份时相同版本的平台恢复`,
    );
  if (
    !m.database ||
    (m.database.client !== 'sqlite' && m.database.client !== 'postgres') ||
    typeof m.database.entry !== 'string' ||
    !m.database.counts?.tables
  )
    throw new BackupError('manifest.json 缺少数据库信息，备份文件不完整或已损坏');
  const sizes = [m.database.bytes, m.uploads?.bytes, m.publisher?.bytes ?? 0];
  if (!sizes.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0))
    throw new BackupError('manifest.json 中的大小信息无效，备份文件已损坏');
  if (!m.versions || typeof m.versions.strapi !== 'string') throw new BackupError('manifest.json 缺少版本信息，备份文件已损坏');
  return m as Manifest;
}

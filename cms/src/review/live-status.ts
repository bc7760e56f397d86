import type { Core } from '@strapi/strapi';
import { documentPortalPath, type LiveStatus } from '@portal/shared';

/*
 * "已上线": whether the build that contains a document's last publish is live, from the publisher's
 * own /status (server to server, PUBLISHER_URL). A build that started after the publish read it;
 * once such a build succeeded, the document is live. Only words and the portal address go back to
 * the browser: no build log, no path, no secret.
 */

type Build = { id?: unknown; ok?: unknown; startedAt?: unknown; error?: unknown };
type PublisherStatus = {
  state?: unknown;
  message?: unknown;
  building?: unknown;
  queued?: unknown;
  lastBuild?: Build | null;
  lastSuccess?: Build | null;
  held?: { reason?: unknown } | null;
};

const TIMEOUT_MS = 2_000;
const MESSAGE_MAX = 300;

const publisherUrl = () => (process.env.PUBLISHER_URL || 'http://127.0.0.1:4300').replace(/\/+$/, '');
const portalUrl = () => (process.env.PORTAL_URL || 'http://127.0.0.1:4321').replace(/\/+$/, '');
const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, MESSAGE_MAX) : '');
const startedAt = (build: Build | null | undefined) => (build && typeof build.startedAt === 'string' ? Date.parse(build.startedAt) : NaN);

/** The admin's reading of a publisher status for a document published at `publishedAt`. */
export function liveStatusOf(status: PublisherStatus, publishedAt: number, url: string | null): LiveStatus {
  const success = status.lastSuccess;
  if (success && startedAt(success) >= publishedAt) return { state: 'live', message: '已上线', url, buildId: text(success.id) };
  const last = status.lastBuild;
  if (status.building === true || status.queued === true) return { state: 'building', message: '正在构建…' };
  if (last && startedAt(last) >= publishedAt && last.ok !== true) {
    const reason = status.held ? `新版本被搁置，未上线：${text(status.held.reason)}` : text(last.error) || '原因未知';
    const retry = status.state === 'retrying' ? `（${text(status.message)}）` : '';
    return { state: 'failed', message: `构建失败：${reason}${retry}` };
  }
  return { state: 'building', message: '正在构建…' };
}

async function portalAddress(
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
): Promise<{ publishedAt: number; url: string | null } | null> {
  const doc = (await strapi.documents(uid as 'api::annual-report.annual-report').findOne({
    documentId,
    status: 'published',
    populate: { agency: { fields: ['slug'] } },
  } as never)) as { publishedAt?: string; year?: number; agency?: { slug?: string } | null } | null;
  if (!doc?.publishedAt) return null;
  const path = documentPortalPath(uid, { documentId, agencySlug: doc.agency?.slug ?? null, year: doc.year ?? null });
  return { publishedAt: Date.parse(doc.publishedAt), url: path ? `${portalUrl()}${path}` : null };
}

/** Whether a document's last publish is live on the portal. */
export async function liveStatus(strapi: Core.Strapi, uid: string, documentId: string): Promise<LiveStatus> {
  const address = await portalAddress(strapi, uid, documentId);
  if (!address) return { state: 'unknown', message: '该文档尚未发布，门户上没有它的页面' };
  let status: PublisherStatus;
  try {
    const response = await fetch(`${publisherUrl()}/status`, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
    if (!response.ok) return { state: 'unknown', message: `发布服务状态查询失败（HTTP ${response.status}），暂无法确认是否已上线` };
    status = (await response.json()) as PublisherStatus;
    if (!status || typeof status !== 'object') throw new Error('不是 JSON 对象');
  } catch {
    return { state: 'unknown', message: '无法连接发布服务，暂无法确认是否已上线：请联系系统管理员检查发布服务是否在运行' };
  }
  return liveStatusOf(status, address.publishedAt, address.url);
}

import { timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { applicationFields, chinaToday, clockStateLabels, computeDeadline, normalizeReceiptNumber, type ClockState } from '@portal/shared';
import { WindowCounter } from '../security/http';
import { clockOf, loadCalendar, REQUEST_UID } from './middleware';

/*
 * The two routes the portal's /apply/ pages call, server to server:
 * - POST /api/disclosure-requests/submit: an online application; answers the receipt number;
 * - GET  /api/disclosure-requests/status?receipt=…: its state and dates, nothing personal.
 * The caller proves it is the portal with APPLY_SECRET (header x-apply-secret) and names the
 * applicant's address (x-applicant-ip), which the limits count: APPLY_RATE_LIMIT submission attempts
 * (10) and APPLY_STATUS_RATE_LIMIT look-ups (60) per address per APPLY_RATE_WINDOW_MINUTES (60).
 * Counted in this process's memory, like the CMS's other limits.
 */

type Context = {
  request: { body?: unknown };
  query: Record<string, unknown>;
  ip: string;
  status: number;
  body: unknown;
  get: (name: string) => string;
  set: (name: string, value: string) => void;
};

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

const HONEYPOT = 'website';

function refuse(ctx: Context, status: number, message: string, problems: Array<{ field: string; message: string }> = []): void {
  ctx.status = status;
  ctx.body = { data: null, error: { status, message, problems } };
}

function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

export const intakeController = ({ strapi }: { strapi: Core.Strapi }) => {
  const windowMs = positive(process.env.APPLY_RATE_WINDOW_MINUTES, 60) * 60_000;
  const submissions = new WindowCounter(positive(process.env.APPLY_RATE_LIMIT, 10), windowMs);
  const lookups = new WindowCounter(positive(process.env.APPLY_STATUS_RATE_LIMIT, 60), windowMs);

  /** The applicant's address, or a refusal already written when the caller is not the portal. */
  const caller = (ctx: Context): string | undefined => {
    const secret = process.env.APPLY_SECRET ?? '';
    if (!secret) {
      refuse(ctx, 503, '网上申请暂未开通：内容管理系统未配置 APPLY_SECRET。请通过信函或当面提交申请。');
      return undefined;
    }
    if (!sameSecret(ctx.get('x-apply-secret'), secret)) {
      refuse(ctx, 403, '此接口只供门户网站的网上申请页面调用。');
      return undefined;
    }
    return ctx.get('x-applicant-ip').slice(0, 64) || ctx.ip;
  };

  const limited = (ctx: Context, counter: WindowCounter, key: string, what: string): boolean => {
    if (counter.count(key) <= counter.limit) return false;
    const minutes = Math.max(1, Math.ceil((counter.peek(key).resetAt - Date.now()) / 60_000));
    ctx.set('Retry-After', String(minutes * 60));
    refuse(
      ctx,
      429,
      `${what}过于频繁：同一网络地址每 ${counter.windowMs / 60_000} 分钟最多 ${counter.limit} 次，请 ${minutes} 分钟后再试；急需的，可电话联系受理机构。`,
    );
    return true;
  };

  return {
    async submit(ctx: Context) {
      const address = caller(ctx);
      if (!address || limited(ctx, submissions, address, '提交申请')) return;
      const body = ctx.request.body;
      if (!body || typeof body !== 'object' || Array.isArray(body))
        return refuse(ctx, 400, '申请内容格式不正确，请从门户网站的申请页面提交。');
      const input = body as Record<string, unknown>;
      if (typeof input[HONEYPOT] !== 'string' || input[HONEYPOT] !== '')
        return refuse(
          ctx,
          400,
          '提交未被受理：表单中应当留空的“网址”一栏被填写了（自动程序常会这样做）。如您是本人填写，请刷新申请页面后重新填写提交。',
        );

      const agencyKey = typeof input.agency === 'string' ? input.agency.slice(0, 100) : '';
      const agency = agencyKey
        ? ((await strapi
            .documents('api::agency.agency')
            .findFirst({ status: 'published', filters: { slug: agencyKey }, fields: ['name'] } as never)) as {
            documentId: string;
            name: string;
          } | null)
        : null;
      if (!agency) return refuse(ctx, 400, '请选择受理申请的机关。', [{ field: 'agency', message: '请从列表中选择受理申请的机关。' }]);

      const data: Record<string, unknown> = Object.fromEntries(applicationFields.map((f) => [f, input[f]]));
      try {
        // 第三十一条: an application over the internet is received the day both sides confirm it;
        // the confirmation is this answer, so today (China time). Staff may correct it.
        const created = (await strapi
          .documents(REQUEST_UID)
          .create({ data: { ...data, agency: agency.documentId, channel: 'online', receivedAt: chinaToday() } } as never)) as Record<
          string,
          unknown
        >;
        ctx.status = 201;
        ctx.body = {
          data: { receiptNumber: created.receiptNumber, agencyName: agency.name, receivedAt: created.receivedAt, dueDate: created.dueDate },
        };
      } catch (error) {
        if (error instanceof errors.ValidationError) {
          const details = (error.details as { errors?: Array<{ path: string[]; message: string }> }).errors ?? [];
          return refuse(
            ctx,
            400,
            '申请未提交，请按提示修改后重新提交。',
            details.map((d) => ({ field: d.path.join('.'), message: d.message })),
          );
        }
        strapi.log.error(`网上申请保存失败：${(error as Error).message}`);
        return refuse(ctx, 500, '申请未能保存，请稍后重试；多次失败的，请电话联系受理机构。');
      }
    },

    async status(ctx: Context) {
      const address = caller(ctx);
      if (!address || limited(ctx, lookups, address, '查询')) return;
      const receipt = normalizeReceiptNumber(ctx.query.receipt);
      if (!receipt)
        return refuse(ctx, 400, '回执号格式不正确：回执号形如 YSQ-7K3M-Q9XA-2B4D-HT6W（YSQ 后 16 位数字和字母），请核对后重新输入。');
      const row = (await strapi.db
        .query(REQUEST_UID)
        .findOne({ where: { receiptNumber: receipt }, populate: { agency: { select: ['name'] } } })) as
        (Record<string, unknown> & { agency?: { name: string } | null }) | null;
      if (!row) return refuse(ctx, 404, `未找到回执号为 ${receipt} 的申请。请核对回执号；申请刚提交的，请以提交后页面显示的回执号为准。`);
      const deadline = computeDeadline(clockOf(row), chinaToday(), await loadCalendar(strapi));
      const clock = clockOf(row);
      // Only the state and its dates: nothing the applicant wrote, nothing about who they are.
      ctx.set('Cache-Control', 'no-store');
      ctx.body = {
        data: {
          receiptNumber: receipt,
          agencyName: row.agency?.name ?? null,
          state: deadline.state,
          stateLabel: clockStateLabels[deadline.state as ClockState],
          receivedAt: clock.receivedAt,
          amendmentNoticeAt: clock.amendmentNoticeAt,
          amendmentReceivedAt: clock.amendmentReceivedAt,
          consultationSentAt: clock.consultationSentAt,
          consultationAnsweredAt: clock.consultationAnsweredAt,
          extendedAt: clock.extendedAt,
          dueDate: deadline.dueDate,
          repliedAt: clock.repliedAt,
        },
      };
    },
  };
};

import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';

/*
 * What the server changed in a save (a 文号 written with 〔〕, a 索引号 numbered automatically) comes
 * back in a response header (cms/src/validation/policy-item.ts, NOTICE_HEADER); the admin's own
 * save notification says only 已保存. The relay reads that header from every admin response and
 * the component in the edit view shows each notice as a notification, which stays across the
 * navigation from a new document to its edit page.
 */

const HEADER = 'X-Portal-Notices';
const EVENT = 'portal:save-notices';

function noticesOf(response: Response): string[] {
  const raw = response.headers.get(HEADER);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(raw));
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/** Wraps the page's fetch once: responses carrying notices raise an event with them. */
export function relaySaveNotices(): void {
  if (typeof window === 'undefined' || (window.fetch as { portalNotices?: boolean }).portalNotices) return;
  const original = window.fetch.bind(window);
  const relayed = async (...args: Parameters<typeof fetch>) => {
    const response = await original(...args);
    const notices = noticesOf(response);
    if (notices.length > 0) window.dispatchEvent(new CustomEvent(EVENT, { detail: notices }));
    return response;
  };
  window.fetch = Object.assign(relayed, { portalNotices: true });
}

/** Injected into the edit view: turns the relayed notices into notifications. */
export function SaveNotices() {
  const { toggleNotification } = useNotification();
  React.useEffect(() => {
    const show = (event: Event) => {
      for (const message of (event as CustomEvent<string[]>).detail) {
        toggleNotification({ type: 'info', title: '已按规范保存', message, timeout: 15000 });
      }
    };
    window.addEventListener(EVENT, show);
    return () => window.removeEventListener(EVENT, show);
  }, [toggleNotification]);
  return null;
}

import { CHINA_UTC_OFFSET_MS } from '@portal/shared';

/** 2021-01-22 → 2021年1月22日, as official documents print dates. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

export function yearOf(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 4) : '';
}

/** File size for people: 12.3 KB. Strapi stores sizes in KB. */
export function formatSize(kilobytes: number | null | undefined): string {
  if (kilobytes == null) return '';
  return kilobytes >= 1024 ? `${(kilobytes / 1024).toFixed(1)} MB` : `${kilobytes.toFixed(1)} KB`;
}

/** 2026-11-27T03:40:00Z → 2026年11月27日 11:40 (China Standard Time, as the public reads it). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const local = new Date(t.getTime() + CHINA_UTC_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/*
 * Phone numbers and e-mail addresses inside a contact field, as links a phone can act on (tel:,
 * mailto:). A field may hold several, or words around them (“0533-7180011（传真同号）”): each
 * number or address found is linked, the rest stays text, and text that is no number or address
 * is never linked, so a typo cannot become a wrong call.
 */

export type ContactPart = { text: string; href?: string };

/**
 * A run that starts like a number (+, a digit, a bracket) and may hold separators and 转 extension.
 * Every repetition is bounded, so that no text makes these scan in quadratic time.
 */
const PHONE = /[+(（]?\d[\d\s()（）-]{0,24}\d(?:\s{0,2}转\s{0,2}\d{1,6})?/g;
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g;
/** A contact field is a line or two; anything longer is shown as text, unlinked. */
const MAX_FIELD = 500;

function phoneHref(text: string): string | undefined {
  const [main = '', extension] = text.split('转').map((t) => t.trim());
  const digits = main.replace(/[\s()（）-]/g, '');
  // 5 digits (12345 热线) to 15 (E.164); a date or a year in the text is not a number to call.
  if (!/^\+?\d{5,15}$/.test(digits) || /^\d{4}-\d{1,2}-\d{1,2}$/.test(main.trim())) return undefined;
  return `tel:${digits}${extension ? `,${extension}` : ''}`;
}

export function contactParts(kind: 'phone' | 'email', value: string): ContactPart[] {
  if (value.length > MAX_FIELD) return [{ text: value }];
  const parts: ContactPart[] = [];
  let last = 0;
  for (const match of value.matchAll(kind === 'email' ? EMAIL : PHONE)) {
    const text = match[0].trim();
    const href = kind === 'email' ? `mailto:${text}` : phoneHref(text);
    if (!href) continue;
    const start = match.index + match[0].indexOf(text);
    if (start > last) parts.push({ text: value.slice(last, start) });
    parts.push({ text, href });
    last = start + text.length;
  }
  if (last < value.length) parts.push({ text: value.slice(last) });
  return parts;
}

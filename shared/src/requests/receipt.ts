/*
 * Receipt numbers (回执号): 16 random characters of Crockford's base32 (80 bits), never derived
 * from a database id, so one receipt tells nothing about another and none can be guessed.
 * Printed in groups of four after “YSQ” (依申请): YSQ-7K3M-Q9XA-2B4D-HT6W.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReceiptNumber(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  const chars = [...bytes].map((b) => ALPHABET[b & 31]!).join('');
  return `YSQ-${chars.match(/.{4}/g)!.join('-')}`;
}

/** The receipt number as stored, from what a person typed (any case, spaces or none, O for 0, I/L for 1); undefined when it cannot be one. */
export function normalizeReceiptNumber(typed: unknown): string | undefined {
  if (typeof typed !== 'string' || typed.length > 60) return undefined;
  const compact = typed
    .toUpperCase()
    .replace(/[\s\-－—_]/g, '')
    .replace(/^YSQ/, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!new RegExp(`^[${ALPHABET}]{16}$`).test(compact)) return undefined;
  return `YSQ-${compact.match(/.{4}/g)!.join('-')}`;
}

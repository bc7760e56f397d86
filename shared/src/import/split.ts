import type { CellKind } from '../report/template.js';

/*
 * Reading one printed cell, and splitting digit runs that PDF extraction glued together
 * (`2648-18538`, `行政许可3960181`) back into cells by the columns the row must have.
 */

export type Parsed = { value: number | null; unit?: '元' | '万元'; printed: string };

const countRe = /^(?:0|[1-9]\d*)$/;
const signedRe = /^[-−－+]?(?:0|[1-9]\d*)$/;
/** 1,256: thousands separators, only where every group has three digits. */
const groupedRe = /^[1-9]\d{0,2}(?:,\d{3})+$/;
const moneyRe = /^(?:0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+)(?:\.\d+)?(万元|元)?$/;

/** Is the token a cell value at all (a number, `/`, or digits glued together)? */
export function looksLikeValue(token: string): boolean {
  const t = token.trim();
  if (t === '/' || t === '／') return true;
  return /^[-−－+]?\d[\d.,\-−－]*(?:万元|元)?$/.test(t) && !/^\d+[.．、]$/.test(t);
}

/** A dash alone: printed for "nothing", which is an empty cell, not 0. */
export function isBlankMark(token: string): boolean {
  return /^(?:[-—–－]{1,3})$/.test(token.trim());
}

/** One printed value read as a cell of that kind, or undefined when it cannot be one. */
export function parseCell(token: string, kind: CellKind, strictZeros = false): Parsed | undefined {
  const t = token.trim();
  // Past 15 digits a number is no count a report prints, and no longer exact in JavaScript.
  if (t.replace(/\D/g, '').length > 15) return undefined;
  if (t === '/' || t === '／') return { value: null, printed: t };
  if (kind === 'count') {
    if (countRe.test(t) || (!strictZeros && /^\d+$/.test(t))) return { value: Number(t), printed: t };
    if (!strictZeros && groupedRe.test(t)) return { value: Number(t.replace(/,/g, '')), printed: t };
    return undefined;
  }
  if (kind === 'signedCount') {
    if (signedRe.test(t) || (!strictZeros && /^[-−－+]?\d+$/.test(t))) return { value: Number(t.replace(/[−－]/, '-')), printed: t };
    if (!strictZeros && /^[-−－+]?\d{1,3}(?:,\d{3})+$/.test(t))
      return { value: Number(t.replace(/[−－]/, '-').replace(/,/g, '')), printed: t };
    return undefined;
  }
  const m = moneyRe.exec(t);
  if (!m) return undefined;
  const unit = m[1] as '元' | '万元' | undefined;
  const number = Number(t.replace(/万元|元/, '').replace(/,/g, ''));
  return unit ? { value: number, unit, printed: t } : { value: number, printed: t };
}

const MAX_PART = 17;
/** Longer digit runs are not split: the ways to cut them grow past anything a person could check. */
export const MAX_GLUED = 60;

/** Ways to cut one token into `kinds.length` cells, each valid for its kind (no leading zeros). */
function cuts(token: string, kinds: readonly CellKind[], limit: number): Parsed[][] {
  const out: Parsed[][] = [];
  const rec = (rest: string, i: number, acc: Parsed[]) => {
    if (out.length >= limit) return;
    if (i === kinds.length - 1) {
      const last = parseCell(rest, kinds[i]!, true);
      if (last) out.push([...acc, last]);
      return;
    }
    for (let j = 1; j < Math.min(rest.length, MAX_PART); j++) {
      const part = parseCell(rest.slice(0, j), kinds[i]!, true);
      // A unit ends a money value: it cannot stand inside a glued run.
      if (!part || part.unit) continue;
      rec(rest.slice(j), i + 1, [...acc, part]);
    }
  };
  rec(token.trim(), 0, []);
  return out;
}

export type Splits = { alternatives: Parsed[][]; truncated: boolean };

/**
 * Every way the printed tokens of a row can be the row's `kinds.length` cells: each token is one
 * cell or several glued ones, in order. Stops at `limit` alternatives (`truncated`).
 */
export function splitTokens(tokens: readonly string[], kinds: readonly CellKind[], limit = 5000): Splits {
  const out: Parsed[][] = [];
  let truncated = false;
  const rec = (ti: number, ki: number, acc: Parsed[]) => {
    if (out.length >= limit) {
      truncated = true;
      return;
    }
    if (ti === tokens.length) {
      if (ki === kinds.length) out.push(acc);
      return;
    }
    const tokensLeft = tokens.length - ti - 1;
    const maxParts = kinds.length - ki - tokensLeft;
    const token = tokens[ti]!;
    if (token.length > MAX_GLUED) return;
    for (let k = 1; k <= Math.min(maxParts, token.length); k++) {
      const slice = kinds.slice(ki, ki + k);
      const ways = k === 1 ? [parseCell(token, slice[0]!)].filter((p): p is Parsed => !!p).map((p) => [p]) : cuts(token, slice, limit);
      for (const way of ways) rec(ti + 1, ki + k, [...acc, ...way]);
    }
  };
  rec(0, 0, []);
  return { alternatives: out, truncated };
}

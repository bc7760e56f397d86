/*
 * Spreadsheet formula injection (OWASP “CSV Injection”): a text cell that begins with = + - @, a
 * TAB or a CR is read by Excel, WPS and LibreOffice as a formula (=HYPERLINK(…), DDE). Text taken
 * from the CMS (an agency's name, a title, a row label) is therefore written with a leading ' so
 * that it stays text. Numbers are never passed through here: −3 must stay the number −3.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell for CSV or XLSX that a spreadsheet shows as text, never evaluates. */
export function spreadsheetText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The text as it was before `spreadsheetText` (for reading our own CSV back). */
export function fromSpreadsheetText(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * A cell read from an imported sheet that a spreadsheet would run as a formula when the data is
 * opened again: = or @ first, or + or - before something that is no number (−3 and +86 stay text
 * a person typed, "-cmd" or "+HYPERLINK(" do not).
 */
export function looksLikeFormula(text: string): boolean {
  return /^[=@]/.test(text) || /^[+-][^\d\s.,]/.test(text);
}

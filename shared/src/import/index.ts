export * from './types.js';
export { importAnnualReport, type ImportOptions } from './report.js';
export { formatImportReport } from './format.js';
export { decodeReportText, IMPORT_MAX_BYTES, sizeProblem, type DecodedText } from './decode.js';
export { fixLookAlikes } from './text.js';

export * from './types.js';
export { importAnnualReport, type ImportOptions } from './report.js';
export { formatImportReport } from './format.js';

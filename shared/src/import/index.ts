export * from './types.js';
export { importAnnualReport, topHeading, type ImportOptions } from './report.js';
export { splitTokens, parseCell, type Parsed, type Splits } from './split.js';
export { formatImportReport } from './format.js';

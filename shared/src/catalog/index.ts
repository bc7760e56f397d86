export * from './columns.js';
export * from './csv.js';
export * from './dates.js';
export * from './validate.js';

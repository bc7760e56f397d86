export * from './vocabularies.js';
export * from './report/template.js';
export * from './report/templates.js';
export * from './report/layout.js';
export * from './report/format.js';

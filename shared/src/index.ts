export * from './vocabularies.js';
export * from './report/template.js';
export * from './report/templates.js';
export * from './report/layout.js';
export * from './report/format.js';
export * from './report/rules.js';
export * from './report/validate.js';
export * from './richtext.js';

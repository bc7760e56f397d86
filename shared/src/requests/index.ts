export * from './calendar.js';
export * from './deadline.js';
export * from './applicant.js';
export * from './outcomes.js';
export * from './receipt.js';
export * from './annual.js';

/** Plain-TypeScript building blocks for every context's domain layer (no framework imports). */
export * from './domain-error.js';
export * from './domain-event.js';
export * from './event-contract.js';
export * from './aggregate-root.js';
export * from './contact-details.js';
export * from './company-name.js';
export * from './assignment/index.js';
export * from './spreadsheet-date.js';
export * from './zoned-time.js';

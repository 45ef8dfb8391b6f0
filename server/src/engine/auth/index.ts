export * from './principal.js';
export * from './permissions.js';
export * from './policy.js';
export * from './audit-sink.js';
export * from './access.js';
export * from './route-table.js';

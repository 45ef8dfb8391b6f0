export * from './topics.js';
export * from './live.js';
export * from './manifest.js';
export * from './region.js';
export * from './health.js';
export * from './rest.js';

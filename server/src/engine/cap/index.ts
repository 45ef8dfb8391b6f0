export * from './cap-builder.js';
export * from './cap-parser.js';
export * from './cap-feed.js';
export * from './cap.service.js';

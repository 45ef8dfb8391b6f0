export * from './ingest.types.js';
export * from './ingest.service.js';
export * from './message-validator.js';
export * from './write-batch.js';

export * from './database.js';
export * from './open-database.js';
export * from './migrator.js';
export * from './embedded-database.js';
export * from './server-database.js';

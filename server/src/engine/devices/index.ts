export * from './credential-store.js';
export * from './device-access.js';
export * from './device-acl.js';
export * from './device-credentials.js';
export * from './mosquitto-hash.js';
export * from './mosquitto-files.js';

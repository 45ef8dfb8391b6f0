export * from './audit-trail.js';
export * from './http-audit.interceptor.js';

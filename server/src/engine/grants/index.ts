export * from './grant.service.js';

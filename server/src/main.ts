import { bootAndServe, readConfig } from './app/boot.js';

const config = readConfig();
const runtime = await bootAndServe(config);
runtime.log.info('IOC server started', { roles: [...config.roles], http: runtime.httpUrl || undefined });

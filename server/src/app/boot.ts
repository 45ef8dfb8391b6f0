import 'reflect-metadata';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { Logger } from '../engine/logging/logger.js';
import { startRuntime, type Runtime } from './runtime.js';

/** Errors whose message is written for an operator: printed alone, without a stack. */
const OPERATOR_ERRORS = new Set(['ConfigError', 'EnvError', 'DatabaseConfigError', 'MigrationError', 'ManifestError', 'EmbeddedDatabaseError', 'MqttConfigError']);

export function fail(err: unknown): never {
  const e = err as Error;
  const clear = OPERATOR_ERRORS.has(e?.name) || /^[A-Z_]+: /.test(e?.message ?? '');
  process.stderr.write(`ioc: cannot start: ${clear ? e.message : (e?.stack ?? String(err))}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    fail(err);
  }
}

/** Starts the runtime and stops it cleanly on SIGINT/SIGTERM (flushing what ingest holds). */
export async function bootAndServe(config: Config, beforeClose?: () => Promise<void>): Promise<Runtime> {
  const log = new Logger(config.logLevel);
  let runtime: Runtime;
  try {
    runtime = await startRuntime(config, log);
  } catch (err) {
    fail(err);
  }
  // Printed once, to the terminal only (never to the structured log): the next boot finds the admin.
  if (runtime.generatedAdmin) process.stdout.write(`\n  First boot: created the account "${runtime.generatedAdmin.username}" with the password\n    ${runtime.generatedAdmin.password}\n  It is shown only now. Sign in and change it, or set IOC_ADMIN_PASSWORD before the first boot.\n\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    const hardExit = setTimeout(() => {
      log.error('stop took longer than 30 s; exiting');
      process.exit(1);
    }, 30_000);
    hardExit.unref();
    await beforeClose?.();
    await runtime.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return runtime;
}

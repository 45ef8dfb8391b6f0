import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceDefinition } from '@ioc/sdk';
import type { Log } from '../publish/mqtt-connection.js';

export interface RegisterOptions {
  token?: string;
  signal?: AbortSignal;
  log?: Log;
  /** Give up after this long (default: keep trying while the server is unreachable or starting). */
  timeoutS?: number;
}

/** Answers that will not change by asking again: the request itself is wrong. */
const DEFINITIVE = new Set([400, 401, 403, 405, 413, 415, 422]);

export class RegistrationError extends Error {}

/**
 * `PUT {api}/api/v1/sources` with `{ sources }`, retried with backoff while the server is
 * unreachable or answers with a transient status (it may still be starting). A definitive 4xx
 * fails at once with the server's explanation, since retrying cannot fix the request.
 */
export async function registerSources(apiUrl: string, sources: readonly SourceDefinition[], options: RegisterOptions = {}): Promise<void> {
  const log = options.log ?? (() => {});
  const url = `${apiUrl.replace(/\/+$/, '')}/api/v1/sources`;
  const body = JSON.stringify({ sources });
  const deadline = options.timeoutS !== undefined ? Date.now() + options.timeoutS * 1000 : Infinity;
  for (let attempt = 1, delayMs = 500; ; attempt++, delayMs = Math.min(delayMs * 2, 5000)) {
    if (options.signal?.aborted) throw new RegistrationError('registration aborted');
    let problem: string;
    try {
      const response = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
        body,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (response.ok) {
        log(`registered ${sources.length} sources at ${url} (HTTP ${response.status})`);
        return;
      }
      const detail = (await response.text()).slice(0, 500);
      if (DEFINITIVE.has(response.status)) throw new RegistrationError(`PUT ${url} failed with HTTP ${response.status}: ${detail}`);
      problem = `HTTP ${response.status}`;
    } catch (error) {
      if (error instanceof RegistrationError) throw error;
      if (options.signal?.aborted) throw new RegistrationError('registration aborted');
      problem = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
    }
    if (Date.now() + delayMs > deadline) throw new RegistrationError(`PUT ${url} did not succeed before the timeout (last: ${problem})`);
    if (attempt === 1 || attempt % 10 === 0) log(`registering sources at ${url}: ${problem}; retrying`);
    await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : {}).catch(() => {});
  }
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceDefinition } from '@ioc/sdk';
import { registerSources, RegistrationError } from './register-sources.js';

const sources: SourceDefinition[] = [{ id: 'aq-test-1', sector: 'environment', kind: 'air-station', name: 'Trạm thử', regionId: 'bp-dong-xoai-tan-phu', lon: 106.9, lat: 11.54 }];
let server: http.Server | undefined;

/** A throwaway API on a free port answering with the given statuses in turn. */
async function fakeApi(statuses: number[]): Promise<{ url: string; requests: Array<{ method?: string; url?: string; auth?: string; body: string }> }> {
  const requests: Array<{ method?: string; url?: string; auth?: string; body: string }> = [];
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      res.writeHead(statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 200, { 'content-type': 'application/json' });
      res.end('{"detail":"sources[0].regionId is not a known region"}');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

afterEach(() => server?.close());

describe('registerSources', () => {
  it('PUTs { sources } with the bearer token and retries while the server is not ready', async () => {
    const api = await fakeApi([503, 502, 204]);
    await registerSources(api.url, sources, { token: 'secret' });
    expect(api.requests).toHaveLength(3);
    expect(api.requests[2]).toMatchObject({ method: 'PUT', url: '/api/v1/sources', auth: 'Bearer secret' });
    expect(JSON.parse(api.requests[2]?.body ?? '{}')).toEqual({ sources });
  }, 20_000);

  it('fails at once, with the server explanation, when the request itself is refused', async () => {
    const api = await fakeApi([400]);
    await expect(registerSources(api.url, sources)).rejects.toThrow(/HTTP 400.*not a known region/);
    expect(api.requests).toHaveLength(1);
  });

  it('keeps retrying an unreachable server until its timeout', async () => {
    await expect(registerSources('http://127.0.0.1:9', sources, { timeoutS: 1 })).rejects.toBeInstanceOf(RegistrationError);
  }, 10_000);
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.message);
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('gives embedded defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(8080);
    expect(c.database.url).toBeUndefined();
    expect(c.mqtt.url).toBeUndefined();
    expect([...c.roles]).toEqual(['api', 'ingest', 'worker']);
    expect(c.live.coalesceMs).toBe(1000);
  });

  it('names the variable and the problem for each bad value, all at once', () => {
    const problems = problemsOf({ PORT: 'eighty', MQTT_PORT: '70000', IOC_ROLES: 'api,cook', DATABASE_URL: 'mysql://x' });
    expect(problems).toContain('PORT: "eighty" is not an integer');
    expect(problems).toContain('MQTT_PORT: 70000 is out of range (allowed 0–65535)');
    expect(problems).toContain('IOC_ROLES: "cook" is not one of api, ingest, worker');
    expect(problems.some((p) => p.startsWith('DATABASE_URL: protocol "mysql:"'))).toBe(true);
  });

  it('never echoes a password from a bad URL', () => {
    const problems = problemsOf({ REDIS_URL: 'http://admin:secret@host' });
    expect(problems.join()).not.toContain('secret');
  });

  it('reads the map style URL and the synthetic cap, and stops on a bad one naming it', () => {
    expect(loadConfig({}).map).toEqual({ syntheticMax: 0 });
    expect(loadConfig({ MAP_STYLE_URL: 'https://tiles.example.vn/style.json', MAP_SYNTHETIC_MAX: '100000' }).map).toEqual({ styleUrl: 'https://tiles.example.vn/style.json', syntheticMax: 100000 });
    expect(() => loadConfig({ MAP_STYLE_URL: 'ftp://tiles/style.json' })).toThrow(/MAP_STYLE_URL: protocol "ftp:" is not supported/);
    expect(() => loadConfig({ MAP_STYLE_URL: 'not a url' })).toThrow(/MAP_STYLE_URL: "not a url" is not a valid URL/);
    expect(() => loadConfig({ MAP_SYNTHETIC_MAX: '2000000' })).toThrow(/MAP_SYNTHETIC_MAX: 2000000 is out of range/);
  });

  it('refuses the same port for MQTT TCP and WebSocket', () => {
    expect(problemsOf({ MQTT_PORT: '1999', MQTT_WS_PORT: '1999' })).toEqual(['MQTT_WS_PORT: must differ from MQTT_PORT (both 1999)']);
  });

  it('reads production URLs', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/ioc', MQTT_URL: 'mqtt://broker:1883', REDIS_URL: 'redis://r:6379', IOC_ROLES: 'ingest' });
    expect(c.database.url?.hostname).toBe('db');
    expect(c.mqtt.url?.port).toBe('1883');
    expect([...c.roles]).toEqual(['ingest']);
  });
});

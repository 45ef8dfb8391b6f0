import { describe, expect, it } from 'vitest';
import { publishRefusal, subscribeRefusal } from './device-acl.js';
import { mosquittoHash, verifyMosquittoHash } from './mosquitto-hash.js';
import { renderMosquittoFiles } from './mosquitto-files.js';
import type { StoredCredential } from './credential-store.js';

const registry = new Map([['src-1', { sector: 'health', kind: 'hospital' }]]);
const sources = { get: (id: string) => registry.get(id) };
const gw = { username: 'gw-1', sources: ['src-1', 'src-new'] };

describe('device ACL', () => {
  it('lets a device publish its own sources on the three channels', () => {
    for (const ch of ['telemetry', 'event', 'status']) expect(publishRefusal(gw, `ioc/v1/health/hospital/src-1/${ch}`, sources)).toBeUndefined();
    // declared but not registered yet: any well-formed sector/kind
    expect(publishRefusal(gw, 'ioc/v1/environment/air-station/src-new/telemetry', sources)).toBeUndefined();
  });

  it('refuses other sources, wrong sector/kind, other channels, wildcards and other roots, naming why', () => {
    expect(publishRefusal(gw, 'ioc/v1/health/hospital/src-9/telemetry', sources)).toBe('device gw-1 may not publish to ioc/v1/health/hospital/src-9/telemetry: source src-9 is not one of its sources');
    expect(publishRefusal(gw, 'ioc/v1/traffic/counter/src-1/telemetry', sources)).toMatch(/registered as health\/hospital/);
    expect(publishRefusal(gw, 'ioc/v1/health/hospital/src-1/cmd', sources)).toMatch(/channel/);
    expect(publishRefusal(gw, 'ioc/v1/health/hospital/+/telemetry', sources)).toMatch(/wildcards/);
    expect(publishRefusal(gw, 'other/v1/health/hospital/src-1/telemetry', sources)).toMatch(/topic must be/);
  });

  it('lets a device subscribe only to its own downlink', () => {
    expect(subscribeRefusal(gw, 'ioc/v1/+/+/src-1/cmd/#', sources)).toBeUndefined();
    expect(subscribeRefusal(gw, 'ioc/v1/health/hospital/src-1/cmd', sources)).toBeUndefined();
    expect(subscribeRefusal(gw, 'ioc/v1/traffic/+/src-1/cmd/#', sources)).toBeDefined();
    expect(subscribeRefusal(gw, 'ioc/v1/+/+/src-9/cmd/#', sources)).toBeDefined();
    expect(subscribeRefusal(gw, 'ioc/v1/#', sources)).toBeDefined();
    expect(subscribeRefusal(gw, 'ioc/v1/+/+/+/cmd/#', sources)).toBeDefined();
  });
});

describe('mosquitto files', () => {
  it('hashes in mosquitto_passwd $7$ format', () => {
    const h = mosquittoHash('s3cret');
    expect(h).toMatch(/^\$7\$101\$[A-Za-z0-9+/=]{16}\$[A-Za-z0-9+/=]{88}$/);
    expect(verifyMosquittoHash('s3cret', h)).toBe(true);
    expect(verifyMosquittoHash('other', h)).toBe(false);
  });

  it('writes passwd and acl lines for live credentials and the ingest account', () => {
    const base = { note: null, createdAt: '', rotatedAt: null, secretHash: 'x', mosquittoHash: '$7$101$a$b' };
    const creds: StoredCredential[] = [
      { ...base, id: '1', username: 'gw-1', sources: ['src-1', 'src-new'], revokedAt: null },
      { ...base, id: '2', username: 'gone', sources: ['src-1'], revokedAt: '2026-01-01T00:00:00Z' },
    ];
    const f = renderMosquittoFiles(creds, sources, { passwdPath: '/etc/m/passwd', aclPath: '/etc/m/acl', port: 1884, ingest: { username: 'ioc-ingest' } });
    expect(f.passwd).toBe('gw-1:$7$101$a$b\n');
    expect(f.acl).toContain('user gw-1\ntopic write ioc/v1/health/hospital/src-1/telemetry\ntopic write ioc/v1/health/hospital/src-1/event\ntopic write ioc/v1/health/hospital/src-1/status\ntopic read ioc/v1/health/hospital/src-1/cmd/#');
    expect(f.acl).toContain('topic write ioc/v1/+/+/src-new/telemetry');
    expect(f.acl).toContain('user ioc-ingest\ntopic read ioc/v1/#');
    expect(f.acl).not.toContain('gone');
    expect(f.conf).toContain('listener 1884\nallow_anonymous false\npassword_file /etc/m/passwd\nacl_file /etc/m/acl');
    expect(f.notes[0]).toMatch(/mosquitto_passwd/);
  });
});

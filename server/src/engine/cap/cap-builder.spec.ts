/**
 * Every kind of CAP message we build — Alert, Update, Cancel; of an incident and of an alert; with
 * a circle and with a region polygon — validates against the OASIS CAP 1.2 schema (xmllint), and
 * our own parser reads back what we wrote, including text that needs escaping.
 */
import { describe, expect, it } from 'vitest';
import type { AlertRecord, IncidentRecord } from '@ioc/sdk';
import { capSchema, xmllint, xmllintAvailable } from '../../../../tests/support/xmllint.js';
import { CapBuilder, capPolygon, capTime, toXml, type CapRegion } from './cap-builder.js';
import { CapParseError, parseCap } from './cap-parser.js';

const haveXmllint = xmllintAvailable('CAP builder');

const incident: IncidentRecord = {
  id: '42',
  code: 'SC-2026-000042',
  type: 'flash-flood',
  class: 'immediate',
  state: 'received',
  severity: 'critical',
  title: 'Lũ quét tại suối Rạt <khẩn> & "ngập" \'sâu\'',
  description: 'Nước dâng nhanh; 3 hộ dân bị cô lập.\u0007',
  origin: 'manual',
  regionId: 'bp-dx',
  lon: 106.9,
  lat: 11.54,
  slaDueAt: null,
  slaBreached: false,
  publicResult: null,
  createdAt: '2026-12-03T02:00:00.000Z',
  createdBy: 'trực ban',
  updatedAt: '2026-12-03T02:00:00.000Z',
  stateSince: '2026-12-03T02:00:00.000Z',
};

const alert: AlertRecord = {
  id: '7',
  key: 'rule:environment.wl:gauge-1',
  origin: 'rule',
  ruleId: 'environment.wl',
  sector: 'environment',
  sourceId: 'gauge-1',
  regionId: null,
  kpiId: null,
  severity: 'major',
  title: { vi: 'Mực nước vượt báo động III', en: 'Water above alarm level III' },
  state: 'open',
  count: 3,
  firstAt: '2026-12-03T01:00:00.000Z',
  lastAt: '2026-12-03T01:05:00.000Z',
  metric: 'level_m',
  lastValue: 4.8,
  assignee: null,
  snoozedUntil: null,
  escalationLevel: 0,
  escalateAt: null,
  policyId: 'default',
  incidentType: null,
  incidentId: null,
  lon: null,
  lat: null,
  details: {},
  updatedAt: '2026-12-03T01:05:00.000Z',
};

const region: CapRegion = { id: 'bp-dx', name: 'Thành phố Đồng Xoài', nameEn: 'Dong Xoai City', rings: [[[106.8, 11.5], [106.95, 11.5], [106.95, 11.6], [106.8, 11.6]]] };
const type = { name: { vi: 'Lũ quét', en: 'Flash flood' }, sector: 'environment', capCategory: 'Met' };
const at = new Date('2026-12-03T02:00:00.123Z');

async function expectValid(xml: string): Promise<void> {
  if (!haveXmllint) return;
  const r = await xmllint(xml, capSchema);
  expect(r.ok, r.output).toBe(true);
}

describe('CAP builder', () => {
  const b = new CapBuilder({ sender: 'ioc@binhphuoc.gov.vn' });

  it('writes times in +07:00 without milliseconds or Z', () => {
    expect(capTime(at)).toBe('2026-12-03T09:00:00+07:00');
    expect(capTime(new Date('2026-12-31T17:30:59.999Z'))).toBe('2027-01-01T00:30:59+07:00');
    expect(new Date(capTime(at)).getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000);
  });

  it('closes polygons and writes them as lat,lon pairs', () => {
    expect(capPolygon([[106.8, 11.5], [106.95, 11.5], [106.95, 11.6]])).toBe('11.5,106.8 11.5,106.95 11.6,106.95 11.5,106.8');
    expect(capPolygon([[1, 2], [3, 4]])).toBeUndefined();
  });

  it('builds a valid Alert of an incident with a circle, escaping its text, in vi-VN and en-US', async () => {
    const xml = toXml(b.incidentMessage(incident, type, { msgType: 'Alert', at, references: [], region }));
    await expectValid(xml);
    expect(xml).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
    expect(xml).toContain('<sent>2026-12-03T09:00:00+07:00</sent>');
    expect(xml).toContain('&lt;khẩn&gt; &amp; &quot;ngập&quot; &apos;sâu&apos;');
    expect(xml).not.toContain('\u0007');
    expect(xml).not.toContain('<references>');
    const cap = parseCap(xml);
    expect(cap).toMatchObject({ identifier: `ioc-binhphuoc-incident-42-alert-${at.getTime()}`, sender: 'ioc@binhphuoc.gov.vn', status: 'Actual', msgType: 'Alert', scope: 'Public', incidents: 'SC-2026-000042' });
    expect(cap.infos.map((i) => i.language)).toEqual(['vi-VN', 'en-US']);
    expect(cap.infos[0]).toMatchObject({ categories: ['Met'], event: 'Lũ quét', urgency: 'Immediate', severity: 'Extreme', certainty: 'Observed', headline: incident.title });
    expect(cap.infos[1]!.areas[0]).toMatchObject({ desc: 'Dong Xoai City', circles: [{ lat: 11.54, lon: 106.9, radiusKm: 1 }], polygons: [] });
  });

  it('builds a valid Update and a Cancel that reference the earlier messages', async () => {
    const first = b.reference(b.identifier('incident', '42', 'Alert', at), at);
    const later = new Date(at.getTime() + 60_000);
    const update = toXml(b.incidentMessage({ ...incident, state: 'dispatched' }, type, { msgType: 'Update', at: later, references: [first], region }));
    await expectValid(update);
    expect(parseCap(update).references).toEqual([first]);
    const end = new Date(at.getTime() + 3_600_000);
    const refs = [first, b.reference(b.identifier('incident', '42', 'Update', later), later)];
    const cancel = toXml(b.incidentMessage({ ...incident, state: 'resolved', publicResult: 'Đã sơ tán 3 hộ an toàn.' }, type, { msgType: 'Cancel', at: end, references: refs, region }));
    await expectValid(cancel);
    const c = parseCap(cancel);
    expect(c.msgType).toBe('Cancel');
    expect(c.references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ')).toBe(`ioc@binhphuoc.gov.vn,ioc-binhphuoc-incident-42-alert-${at.getTime()},2026-12-03T09:00:00+07:00 ioc@binhphuoc.gov.vn,ioc-binhphuoc-incident-42-update-${later.getTime()},2026-12-03T09:01:00+07:00`);
    expect(c.infos[0]).toMatchObject({ urgency: 'Past', instruction: 'Đã sơ tán 3 hộ an toàn.' });
    expect(cancel).toContain('<responseType>AllClear</responseType>');
    const falseAlarm = toXml(b.incidentMessage({ ...incident, state: 'cancelled' }, type, { msgType: 'Cancel', at: end, references: refs }));
    await expectValid(falseAlarm);
    expect(parseCap(falseAlarm).infos[1]!.instruction).toBe('The earlier warning was a false alarm; no action is needed.');
  });

  it('builds a valid message of an alert with the region polygon when there is no point', async () => {
    for (const msgType of ['Alert', 'Update', 'Cancel'] as const) {
      const xml = toXml(b.alertMessage(alert, { msgType, at, references: msgType === 'Alert' ? [] : [b.reference('earlier-1', at)], region }));
      await expectValid(xml);
      const cap = parseCap(xml);
      expect(cap.infos[0]).toMatchObject({ categories: ['Env'], severity: 'Severe', event: 'Mực nước vượt báo động III' });
      expect(cap.infos[0]!.areas[0]!.polygons).toEqual([[[11.5, 106.8], [11.5, 106.95], [11.6, 106.95], [11.6, 106.8], [11.5, 106.8]]]);
      expect(cap.infos[0]!.areas[0]!.circles).toEqual([]);
    }
  });

  it('names the province when there is neither point nor region, and maps severities', async () => {
    for (const severity of ['critical', 'major', 'minor', 'warning', 'info'] as const) {
      const xml = toXml(b.alertMessage({ ...alert, severity, sector: 'finance' }, { msgType: 'Alert', at, references: [] }));
      await expectValid(xml);
      const i = parseCap(xml).infos[0]!;
      expect(i.areas[0]!.desc).toBe('Tỉnh Bình Phước');
      expect(i.categories).toEqual(['Other']);
      expect(i.severity).toBe({ critical: 'Extreme', major: 'Severe', minor: 'Moderate', warning: 'Minor', info: 'Unknown' }[severity]);
    }
  });

  it('validates what the schema refuses: a Z time is caught by xmllint and by our parser', async () => {
    const bad = toXml(b.alertMessage(alert, { msgType: 'Alert', at, references: [] })).replace(/<sent>[^<]+<\/sent>/, '<sent>2026-12-03T02:00:00Z</sent>');
    if (haveXmllint) expect((await xmllint(bad, capSchema)).ok).toBe(false);
    expect(() => parseCap(bad)).toThrow(CapParseError);
    expect(() => parseCap(bad)).toThrow(/alert\.sent/);
  });
});

/** What the CAP reader refuses, each naming the element at fault (the API's 422 passes it on). */
import { describe, expect, it } from 'vitest';
import { CapParseError, parseCap } from './cap-parser.js';

const ok = `<?xml version="1.0" encoding="UTF-8"?>
<!-- from the national hydro-met centre -->
<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
  <cap:identifier>NCHMF-2026-1203-01</cap:identifier>
  <cap:sender>canhbao@nchmf.gov.vn</cap:sender>
  <cap:sent>2026-12-03T08:00:00+07:00</cap:sent>
  <cap:status>Actual</cap:status>
  <cap:msgType>Alert</cap:msgType>
  <cap:scope>Public</cap:scope>
  <cap:info>
    <cap:language>vi-VN</cap:language>
    <cap:category>Met</cap:category>
    <cap:event>Mưa lớn &amp; lũ quét</cap:event>
    <cap:urgency>Expected</cap:urgency>
    <cap:severity>Severe</cap:severity>
    <cap:certainty>Likely</cap:certainty>
    <cap:headline><![CDATA[Cảnh báo <mưa lớn>]]></cap:headline>
    <cap:area><cap:areaDesc>Bù Đăng</cap:areaDesc><cap:circle>11.8,107.2 5</cap:circle></cap:area>
  </cap:info>
</cap:alert>`;

const problem = (xml: string): string => {
  try {
    parseCap(xml);
  } catch (err) {
    if (err instanceof CapParseError) return err.element;
    throw err;
  }
  return 'none';
};

describe('CAP parser', () => {
  it('reads a prefixed message with entities and CDATA', () => {
    const m = parseCap(ok);
    expect(m).toMatchObject({ identifier: 'NCHMF-2026-1203-01', msgType: 'Alert', scope: 'Public', references: [] });
    expect(m.sentAt.toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect(m.infos[0]).toMatchObject({ event: 'Mưa lớn & lũ quét', headline: 'Cảnh báo <mưa lớn>', severity: 'Severe', areas: [{ desc: 'Bù Đăng', circles: [{ lat: 11.8, lon: 107.2, radiusKm: 5 }] }] });
  });

  it('names the element at fault', () => {
    expect(problem(ok.replace(/<cap:identifier>.*<\/cap:identifier>/, ''))).toBe('alert.identifier');
    expect(problem(ok.replace('<cap:scope>Public</cap:scope>', ''))).toBe('alert.scope');
    expect(problem(ok.replace('Actual', 'Real'))).toBe('alert.status');
    expect(problem(ok.replace('+07:00</cap:sent>', 'Z</cap:sent>'))).toBe('alert.sent');
    expect(problem(ok.replace('<cap:severity>Severe', '<cap:severity>Bad'))).toBe('alert.info[0].severity');
    expect(problem(ok.replace('11.8,107.2 5', '11.8 5'))).toBe('alert.info[0].area[0].circle[0]');
    expect(problem(ok.replace('urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:1.1'))).toBe('alert');
  });

  it('refuses broken XML and DOCTYPEs as the body', () => {
    expect(problem(ok.replace('</cap:sender>', '</cap:sendr>'))).toBe('body');
    expect(problem('<alert>')).toBe('body');
    expect(problem(`<!DOCTYPE a [<!ENTITY x "y">]>${ok.slice(ok.indexOf('<cap:alert'))}`)).toBe('body');
    expect(problem(ok.replace('&amp;', '&'))).toBe('body');
  });
});

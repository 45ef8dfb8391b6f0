import type { Assignment, DispatchUnit, IncidentRecord, IncidentTimelineEntry } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import { chatLines, compareQueue, feedbackReducer, formatDistance, formatDuration, inboxOf, incidentsReducer, isOverdue, mergeAssignments, NO_FILTER, queueOf, unitsReducer, withUnits } from './incident-logic';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const min = (m: number) => new Date(NOW + m * 60_000).toISOString();

function incident(id: string, patch: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
    id,
    code: `SC-${id}`,
    type: 'fire',
    class: 'immediate',
    state: 'received',
    severity: 'major',
    title: `Incident ${id}`,
    description: '',
    origin: 'manual',
    regionId: null,
    lon: 106.9,
    lat: 11.6,
    slaDueAt: min(10),
    slaBreached: false,
    publicResult: null,
    createdAt: min(-30),
    createdBy: 'test',
    updatedAt: min(-30),
    stateSince: min(-30),
    ...patch,
  };
}

const ids = (list: IncidentRecord[]) => list.map((i) => i.id);

describe('incident queue order', () => {
  it('puts overdue incidents first, even below a more severe one on time', () => {
    const onTime = incident('a', { severity: 'critical', slaDueAt: min(5) });
    const overdue = incident('b', { severity: 'minor', slaDueAt: min(-1) });
    expect(ids([onTime, overdue].sort((x, y) => compareQueue(x, y, NOW)))).toEqual(['b', 'a']);
  });

  it('counts a breached SLA as overdue even when the due time moved on (a new state)', () => {
    expect(isOverdue(incident('x', { slaBreached: true, slaDueAt: min(30) }), NOW)).toBe(true);
    expect(isOverdue(incident('x', { slaDueAt: null }), NOW)).toBe(false);
    expect(isOverdue(incident('x', { slaDueAt: min(0) }), NOW)).toBe(true);
  });

  it('orders overdue ones by severity, then by the longest overdue', () => {
    const list = [
      incident('minor-long', { severity: 'minor', slaDueAt: min(-60) }),
      incident('major-short', { severity: 'major', slaDueAt: min(-1) }),
      incident('major-long', { severity: 'major', slaDueAt: min(-20) }),
    ];
    expect(ids(list.sort((x, y) => compareQueue(x, y, NOW)))).toEqual(['major-long', 'major-short', 'minor-long']);
  });

  it('orders the rest by severity, class (immediate › command › timed), then least time left, no SLA last', () => {
    const list = [
      incident('timed', { severity: 'major', class: 'timed', slaDueAt: min(1) }),
      incident('info', { severity: 'info', slaDueAt: min(1) }),
      incident('immediate-late', { severity: 'major', class: 'immediate', slaDueAt: min(40) }),
      incident('immediate-soon', { severity: 'major', class: 'immediate', slaDueAt: min(4) }),
      incident('immediate-none', { severity: 'major', class: 'immediate', slaDueAt: null }),
      incident('command', { severity: 'major', class: 'command', slaDueAt: min(2) }),
      incident('critical', { severity: 'critical', class: 'timed', slaDueAt: null }),
    ];
    expect(ids(list.sort((x, y) => compareQueue(x, y, NOW)))).toEqual(['critical', 'immediate-soon', 'immediate-late', 'immediate-none', 'command', 'timed', 'info']);
  });

  it('moves an incident up the queue as its SLA runs out (the same list, a later clock)', () => {
    const a = incident('a', { severity: 'critical', slaDueAt: min(10) });
    const b = incident('b', { severity: 'minor', slaDueAt: min(3) });
    expect(ids(queueOf([a, b], NO_FILTER, NOW, () => null))).toEqual(['a', 'b']);
    expect(ids(queueOf([a, b], NO_FILTER, NOW + 4 * 60_000, () => null))).toEqual(['b', 'a']);
  });

  it('filters by state, severity and district', () => {
    const list = [
      incident('1', { state: 'received', severity: 'major', regionId: 'bp-dong-xoai-tan-phu' }),
      incident('2', { state: 'handling', severity: 'major', regionId: 'bp-binh-long-an-loc' }),
      incident('3', { state: 'handling', severity: 'minor', regionId: 'bp-dong-xoai-tan-binh' }),
    ];
    const districtOf = (r: string | null) => (r ? r.split('-').slice(0, 3).join('-') : null);
    expect(ids(queueOf(list, { ...NO_FILTER, states: ['handling'] }, NOW, districtOf))).toEqual(['2', '3']);
    expect(ids(queueOf(list, { ...NO_FILTER, severities: ['minor'] }, NOW, districtOf))).toEqual(['3']);
    expect(ids(queueOf(list, { ...NO_FILTER, districtId: 'bp-dong-xoai' }, NOW, districtOf)).sort()).toEqual(['1', '3']);
  });
});

describe('formatting', () => {
  it('formats SLA durations and distances', () => {
    expect(formatDuration(65_000)).toBe('01:05');
    expect(formatDuration(-3_725_000)).toBe('1:02:05');
    expect(formatDistance(843, 'vi-VN')).toBe('840 m');
    expect(formatDistance(2_440, 'vi-VN')).toBe('2,4 km');
    expect(formatDistance(2_440, 'en-GB')).toBe('2.4 km');
  });
});

describe('topic reducers', () => {
  const entry = (id: string): IncidentTimelineEntry => ({ incidentId: id, at: min(0), kind: 'state', actor: 't', text: null, data: {} });

  it('incidents: adds and updates open incidents, drops published or cancelled ones, ignores an older record', () => {
    let state = incidentsReducer.fromSnapshot({ incidents: [incident('1')] });
    state = incidentsReducer.applyDelta(state, { incident: incident('2'), entry: entry('2') });
    expect([...state.keys()]).toEqual(['1', '2']);
    state = incidentsReducer.applyDelta(state, { incident: incident('1', { state: 'verifying', updatedAt: min(1) }), entry: entry('1') });
    expect(state.get('1')!.state).toBe('verifying');
    state = incidentsReducer.applyDelta(state, { incident: incident('1', { state: 'received', updatedAt: min(0) }), entry: entry('1') });
    expect(state.get('1')!.state).toBe('verifying');
    state = incidentsReducer.applyDelta(state, { incident: incident('2', { state: 'cancelled', updatedAt: min(2) }), entry: entry('2') });
    expect([...state.keys()]).toEqual(['1']);
  });

  const unit = (id: string, patch: Partial<DispatchUnit> = {}): DispatchUnit => ({
    id,
    name: id,
    unitType: 'fire',
    callSign: id.toUpperCase(),
    regionId: 'bp-dong-xoai',
    base: { lon: 106.9, lat: 11.5 },
    cruiseKmh: 40,
    status: 'available',
    statusAt: min(-10),
    incidentId: null,
    assignmentId: null,
    position: { ts: min(-1), lon: 106.9, lat: 11.5, speedKmh: 0, headingDeg: null },
    ...patch,
  });
  const assignment = (id: string, state: Assignment['state'], incidentId = '7'): Assignment => ({
    id,
    incidentId,
    unitId: 'u1',
    state,
    assignedBy: 't',
    assignedAt: min(0),
    acknowledgedAt: null,
    arrivedAt: null,
    releasedAt: null,
    distanceM: 1000,
    etaAt: null,
    note: null,
  });

  it('units: positions move units (never back in time), status changes keep the newer position, assignments and messages accumulate', () => {
    let state = unitsReducer.fromSnapshot({ units: [unit('u1')], assignments: [] });
    state = unitsReducer.applyDelta(state, { kind: 'positions', positions: [{ unitId: 'u1', ts: min(0), lon: 107, lat: 11.6, speedKmh: 40, headingDeg: 90 }] });
    expect(state.units.get('u1')!.position!.lon).toBe(107);
    state = unitsReducer.applyDelta(state, { kind: 'positions', positions: [{ unitId: 'u1', ts: min(-5), lon: 106, lat: 11, speedKmh: 0, headingDeg: 0 }] });
    expect(state.units.get('u1')!.position!.lon).toBe(107);
    state = unitsReducer.applyDelta(state, { kind: 'units', units: [unit('u1', { status: 'en_route' })] });
    expect(state.units.get('u1')!.status).toBe('en_route');
    expect(state.units.get('u1')!.position!.lon).toBe(107);
    state = unitsReducer.applyDelta(state, { kind: 'assignment', assignment: assignment('a1', 'pending') });
    state = unitsReducer.applyDelta(state, { kind: 'assignment', assignment: assignment('a1', 'acknowledged') });
    expect(state.assignments.get('a1')!.state).toBe('acknowledged');
    state = unitsReducer.applyDelta(state, { kind: 'message', message: { id: 'm1', incidentId: '7', toUnit: null, from: 'u1', text: 'on our way', at: min(1) } });
    expect(state.messages).toHaveLength(1);
  });

  it('units: positions of a unit the snapshot lacked wait until the unit is fetched, then place it', () => {
    let state = unitsReducer.fromSnapshot({ units: [], assignments: [] });
    state = unitsReducer.applyDelta(state, { kind: 'positions', positions: [{ unitId: 'u2', ts: min(0), lon: 107.1, lat: 11.7, speedKmh: 0, headingDeg: null }] });
    expect(state.units.size).toBe(0);
    expect([...state.strayPositions.keys()]).toEqual(['u2']);
    const joined = withUnits(state, [unit('u2', { position: { ts: min(-3), lon: 106, lat: 11, speedKmh: 0, headingDeg: null } })]);
    expect(joined.units.get('u2')!.position!.lon).toBe(107.1);
    expect(joined.strayPositions.size).toBe(0);
    expect(withUnits(joined, [unit('u2')])).toBe(joined);
  });

  it('assignments: a state from REST never undoes a later one from the topic', () => {
    const merged = mergeAssignments([assignment('a1', 'acknowledged'), assignment('a2', 'arrived')], new Map([['a1', assignment('a1', 'arrived')], ['a2', assignment('a2', 'pending')]]));
    expect(merged.get('a1')!.state).toBe('arrived');
    expect(merged.get('a2')!.state).toBe('arrived');
  });

  it('feedback: a done report leaves the inbox; the inbox shows overdue reports first, then the nearest deadline', () => {
    const report = (id: string, dueAt: string, overdue = false, state = 'received') => ({ id, dueAt, overdue, state }) as never;
    let state = feedbackReducer.fromSnapshot({ open: [report('1', min(60)), report('2', min(30))], today: { day: '2026-12-03', received: 2, processed: 0, inTime: 0, overdue: 0 } });
    state = feedbackReducer.applyDelta(state, { report: report('3', min(-5)), event: {} as never });
    expect(inboxOf(state.open.values(), NOW).map((r) => r.id)).toEqual(['3', '2', '1']);
    state = feedbackReducer.applyDelta(state, { report: report('2', min(30), false, 'done'), event: {} as never });
    expect([...state.open.keys()]).toEqual(['1', '3']);
  });
});

describe('incident chat', () => {
  it('joins the timeline notes and the incident group messages, oldest first', () => {
    const timeline: IncidentTimelineEntry[] = [
      { incidentId: '7', at: min(1), kind: 'note', actor: 'Lan', text: 'Đã gọi 114', data: {} },
      { incidentId: '7', at: min(2), kind: 'state', actor: 'Lan', text: null, data: { to: 'dispatched' } },
    ];
    const messages = [
      { id: 'm1', incidentId: '7', toUnit: null, from: 'CH-114-01', text: 'Đang tới', at: min(3) },
      { id: 'm2', incidentId: '8', toUnit: null, from: 'x', text: 'other incident', at: min(0) },
      { id: 'm1', incidentId: '7', toUnit: null, from: 'CH-114-01', text: 'Đang tới', at: min(3) },
    ];
    expect(chatLines(timeline, messages, '7').map((l) => [l.author, l.text, l.channel])).toEqual([
      ['Lan', 'Đã gọi 114', 'note'],
      ['CH-114-01', 'Đang tới', 'units'],
    ]);
  });
});

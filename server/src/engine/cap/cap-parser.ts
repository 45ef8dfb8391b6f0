/**
 * Reads a CAP 1.2 message received from another sender and checks what the IOC relies on: the
 * required `<alert>` elements and their values, and in each `<info>` the required category,
 * event, urgency, severity and certainty. A problem names the element (`alert.info[0].severity`),
 * which the API turns into a 422 naming it.
 */
import { CAP_CATEGORIES, CAP_NAMESPACE } from './cap-builder.js';
import { child, childrenNamed, parseXml, XmlSyntaxError, type XmlElement } from './xml.js';

export class CapParseError extends Error {
  constructor(
    /** The element at fault, e.g. `alert.identifier`, or `body` when the XML itself is broken. */
    readonly element: string,
    readonly problem: string,
  ) {
    super(`${element} ${problem}`);
    this.name = 'CapParseError';
  }
}

export interface ParsedCapArea {
  desc: string;
  /** Each polygon as [lat, lon] pairs. */
  polygons: Array<Array<[number, number]>>;
  circles: Array<{ lat: number; lon: number; radiusKm: number }>;
  geocodes: Array<[string, string]>;
}

export interface ParsedCapInfo {
  language: string;
  categories: string[];
  event: string;
  urgency: string;
  severity: string;
  certainty: string;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  areas: ParsedCapArea[];
}

export interface ParsedCap {
  identifier: string;
  sender: string;
  /** As written (CAP form). */
  sent: string;
  sentAt: Date;
  status: 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
  msgType: 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error';
  scope: 'Public' | 'Restricted' | 'Private';
  references: Array<{ sender: string; identifier: string; sent: string }>;
  incidents: string | null;
  infos: ParsedCapInfo[];
}

const STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
const MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
const SCOPES = ['Public', 'Restricted', 'Private'] as const;
const URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'];
const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'];
const CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'];
// The schema's dateTime pattern: seconds, no fraction, an explicit offset (no "Z").
const CAP_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/;

function text(parent: XmlElement, name: string, at: string): string | null {
  const e = child(parent, name);
  if (!e) return null;
  if (e.children.length) throw new CapParseError(`${at}.${name}`, 'must hold text, not elements');
  return e.text.trim();
}

function required(parent: XmlElement, name: string, at: string): string {
  const v = text(parent, name, at);
  if (v === null) throw new CapParseError(`${at}.${name}`, 'is required');
  if (!v) throw new CapParseError(`${at}.${name}`, 'must not be empty');
  return v;
}

function oneOf<T extends string>(v: string, values: readonly T[], at: string): T {
  if (!values.includes(v as T)) throw new CapParseError(at, `must be one of ${values.join(', ')} (got ${JSON.stringify(v.slice(0, 40))})`);
  return v as T;
}

function time(v: string, at: string): Date {
  const d = new Date(v);
  if (!CAP_TIME.test(v) || Number.isNaN(d.getTime())) throw new CapParseError(at, `must be a CAP date-time like 2026-12-03T16:21:49+07:00 (got ${JSON.stringify(v.slice(0, 40))})`);
  return d;
}

function pair(s: string, at: string): [number, number] {
  const [a, b, ...rest] = s.split(',');
  const lat = Number(a);
  const lon = Number(b);
  if (rest.length || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new CapParseError(at, `has a bad "lat,lon" pair ${JSON.stringify(s.slice(0, 40))}`);
  return [lat, lon];
}

function area(e: XmlElement, at: string): ParsedCapArea {
  const desc = required(e, 'areaDesc', at);
  const polygons = childrenNamed(e, 'polygon').map((p, n) => {
    const pts = p.text.trim().split(/\s+/).filter(Boolean).map((s) => pair(s, `${at}.polygon[${n}]`));
    const [f, l] = [pts[0], pts.at(-1)];
    if (pts.length < 4 || f![0] !== l![0] || f![1] !== l![1]) throw new CapParseError(`${at}.polygon[${n}]`, 'must be at least 4 "lat,lon" pairs with the first equal to the last');
    return pts;
  });
  const circles = childrenNamed(e, 'circle').map((c, n) => {
    const [center, r, ...rest] = c.text.trim().split(/\s+/);
    const radiusKm = Number(r);
    if (!center || rest.length || !Number.isFinite(radiusKm) || radiusKm < 0) throw new CapParseError(`${at}.circle[${n}]`, 'must be "lat,lon radius" with the radius in km');
    const [lat, lon] = pair(center, `${at}.circle[${n}]`);
    return { lat, lon, radiusKm };
  });
  const geocodes = childrenNamed(e, 'geocode').map((g): [string, string] => [child(g, 'valueName')?.text.trim() ?? '', child(g, 'value')?.text.trim() ?? '']);
  return { desc, polygons, circles, geocodes };
}

function info(e: XmlElement, at: string): ParsedCapInfo {
  const categories = childrenNamed(e, 'category').map((c, n) => oneOf(c.text.trim(), CAP_CATEGORIES, `${at}.category${n ? `[${n}]` : ''}`));
  if (!categories.length) throw new CapParseError(`${at}.category`, 'is required');
  return {
    language: text(e, 'language', at) || 'en-US',
    categories,
    event: required(e, 'event', at),
    urgency: oneOf(required(e, 'urgency', at), URGENCIES, `${at}.urgency`),
    severity: oneOf(required(e, 'severity', at), SEVERITIES, `${at}.severity`),
    certainty: oneOf(required(e, 'certainty', at), CERTAINTIES, `${at}.certainty`),
    headline: text(e, 'headline', at) || null,
    description: text(e, 'description', at) || null,
    instruction: text(e, 'instruction', at) || null,
    areas: childrenNamed(e, 'area').map((a, n) => area(a, `${at}.area[${n}]`)),
  };
}

/** Parses and checks one CAP 1.2 message; CapParseError names the element at fault. */
export function parseCap(xml: string): ParsedCap {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw new CapParseError('body', `is not well-formed XML: ${err.message}`);
    throw err;
  }
  if (root.name !== 'alert') throw new CapParseError('alert', `must be the root element (found <${root.name}>)`);
  if (root.ns !== CAP_NAMESPACE) throw new CapParseError('alert', `must be in the CAP 1.2 namespace ${CAP_NAMESPACE} (found ${JSON.stringify(root.ns)})`);
  const identifier = required(root, 'identifier', 'alert');
  if (/[\s,<&]/.test(identifier)) throw new CapParseError('alert.identifier', 'must not contain spaces, commas, "<" or "&"');
  const sender = required(root, 'sender', 'alert');
  if (/[\s,<&]/.test(sender)) throw new CapParseError('alert.sender', 'must not contain spaces, commas, "<" or "&"');
  const sent = required(root, 'sent', 'alert');
  const sentAt = time(sent, 'alert.sent');
  const status = oneOf(required(root, 'status', 'alert'), STATUSES, 'alert.status');
  const msgType = oneOf(required(root, 'msgType', 'alert'), MSG_TYPES, 'alert.msgType');
  const scope = oneOf(required(root, 'scope', 'alert'), SCOPES, 'alert.scope');
  const refText = text(root, 'references', 'alert');
  const references = (refText ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((r) => {
      const [s, id, t, ...rest] = r.split(',');
      if (!s || !id || !t || rest.length) throw new CapParseError('alert.references', `must be space-separated "sender,identifier,sent" triples (got ${JSON.stringify(r.slice(0, 80))})`);
      return { sender: s, identifier: id, sent: t };
    });
  const infos = childrenNamed(root, 'info').map((e, n) => info(e, `alert.info[${n}]`));
  return { identifier, sender, sent, sentAt, status, msgType, scope, references, incidents: text(root, 'incidents', 'alert') || null, infos };
}

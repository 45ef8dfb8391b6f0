/**
 * CAP 1.2 (OASIS Common Alerting Protocol) messages from our alerts and incidents. Pure: no I/O,
 * no clock, no config; what a message needs to know about a region or an incident type is passed
 * in. The output validates against db/standards/CAP-v1.2.xsd (cap-builder.spec.ts checks every
 * kind with xmllint).
 */
import type { AlertRecord, IncidentRecord, LocalizedText, Severity } from '@ioc/sdk';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export type CapMsgType = 'Alert' | 'Update' | 'Cancel';
export type CapStatus = 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
export type CapCategory = (typeof CAP_CATEGORIES)[number];
export type CapUrgency = 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
export type CapSeverity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
export type CapCertainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';

/** An earlier message a new one refers to (CAP `<references>`: "sender,identifier,sent"). */
export interface CapReference {
  sender: string;
  identifier: string;
  /** As the earlier message said it (CAP form, +07:00). */
  sent: string;
}

/** A GeoJSON ring: [lon, lat] pairs. */
export type Ring = Array<[number, number]>;

/** A region as a CAP area: its names and outer boundary rings (GeoJSON order, lon/lat). */
export interface CapRegion {
  id: string;
  name: string;
  nameEn: string | null;
  rings: Ring[];
}

/** Everything one CAP message says, in CAP's terms; `toXml` writes it. */
export interface CapMessage {
  identifier: string;
  sender: string;
  sent: Date;
  status: CapStatus;
  msgType: CapMsgType;
  references: CapReference[];
  /** CAP `<incidents>`: our incident code(s) the message is about. */
  incidents?: string;
  category: CapCategory;
  event: LocalizedText;
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  responseType?: 'Monitor' | 'AllClear';
  senderName: LocalizedText;
  headline: LocalizedText;
  description: LocalizedText;
  instruction?: LocalizedText;
  eventCodes: Array<[string, string]>;
  parameters: Array<[string, string]>;
  area: {
    desc: LocalizedText;
    /** Centre and radius (km) of a point. */
    circle?: { lat: number; lon: number; radiusKm: number };
    rings?: Ring[];
    geocodes: Array<[string, string]>;
  };
}

/** Sector of an alert or incident type → CAP category (when the type names none). */
export function capCategory(sector: string | null | undefined): CapCategory {
  switch (sector) {
    case 'environment':
      return 'Env';
    case 'health':
      return 'Health';
    case 'security':
      return 'Security';
    case 'traffic':
      return 'Transport';
    case 'fire':
      return 'Fire';
    case 'rescue':
      return 'Rescue';
    default:
      return 'Other';
  }
}

/** Our severity → CAP urgency, severity, certainty. */
export const SEVERITY_TO_CAP: Record<Severity, { urgency: CapUrgency; severity: CapSeverity; certainty: CapCertainty }> = {
  critical: { urgency: 'Immediate', severity: 'Extreme', certainty: 'Observed' },
  major: { urgency: 'Immediate', severity: 'Severe', certainty: 'Observed' },
  minor: { urgency: 'Expected', severity: 'Moderate', certainty: 'Likely' },
  warning: { urgency: 'Expected', severity: 'Minor', certainty: 'Likely' },
  info: { urgency: 'Unknown', severity: 'Unknown', certainty: 'Unknown' },
};

/** CAP severity of a received message → ours (the reverse of SEVERITY_TO_CAP). */
export const CAP_TO_SEVERITY: Record<string, Severity> = { Extreme: 'critical', Severe: 'major', Moderate: 'minor', Minor: 'warning', Unknown: 'info' };

const OFFSET_MS = 7 * 3600_000;

/**
 * CAP date-time in Vietnam's offset: `2026-12-03T16:21:49+07:00`. The schema's pattern forbids
 * `Z` and fractional seconds; Asia/Ho_Chi_Minh has had no daylight saving since 1975, so a fixed
 * +07:00 is right.
 */
export function capTime(d: Date): string {
  const local = new Date(Math.floor(d.getTime() / 1000) * 1000 + OFFSET_MS);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

/** The five characters XML text and attribute values must escape, and no control characters. */
export function xmlEscape(s: string): string {
  // XML 1.0 allows tab, LF, CR and nothing else below U+0020; drop the rest rather than emit
  // a document no parser accepts.
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const coord = (n: number) => String(Math.round(n * 1e5) / 1e5);

/** CAP polygon: "lat,lon" pairs, space-separated, closed (first = last), at least 4 pairs. */
export function capPolygon(ring: Ring): string | undefined {
  const pts = ring.filter(([lon, lat]) => Number.isFinite(lon) && Number.isFinite(lat));
  if (pts.length < 3) return undefined;
  const [f, l] = [pts[0]!, pts.at(-1)!];
  if (f[0] !== l[0] || f[1] !== l[1]) pts.push(f);
  if (pts.length < 4) return undefined;
  return pts.map(([lon, lat]) => `${coord(lat)},${coord(lon)}`).join(' ');
}

/** CAP circle: "lat,lon radius" with the radius in km. */
export const capCircle = (c: { lat: number; lon: number; radiusKm: number }): string => `${coord(c.lat)},${coord(c.lon)} ${c.radiusKm}`;

const el = (name: string, value: string | undefined, indent: string): string => (value === undefined || value === '' ? '' : `${indent}<${name}>${xmlEscape(value)}</${name}>\n`);
const pairs = (name: string, list: Array<[string, string]>, indent: string): string =>
  list.map(([k, v]) => `${indent}<${name}>\n${indent}  <valueName>${xmlEscape(k)}</valueName>\n${indent}  <value>${xmlEscape(v)}</value>\n${indent}</${name}>\n`).join('');

/** Writes a message as CAP 1.2 XML, elements in the schema's order, one `<info>` per language. */
export function toXml(m: CapMessage): string {
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${CAP_NAMESPACE}">\n`;
  out += el('identifier', m.identifier, '  ');
  out += el('sender', m.sender, '  ');
  out += el('sent', capTime(m.sent), '  ');
  out += el('status', m.status, '  ');
  out += el('msgType', m.msgType, '  ');
  out += el('scope', 'Public', '  ');
  if (m.references.length) out += el('references', m.references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' '), '  ');
  out += el('incidents', m.incidents, '  ');
  for (const [lang, key] of [['vi-VN', 'vi'], ['en-US', 'en']] as const) {
    const i = '    ';
    out += '  <info>\n';
    out += el('language', lang, i);
    out += el('category', m.category, i);
    out += el('event', m.event[key], i);
    out += el('responseType', m.responseType, i);
    out += el('urgency', m.urgency, i);
    out += el('severity', m.severity, i);
    out += el('certainty', m.certainty, i);
    out += pairs('eventCode', m.eventCodes, i);
    out += el('senderName', m.senderName[key], i);
    out += el('headline', m.headline[key], i);
    out += el('description', m.description[key], i);
    out += el('instruction', m.instruction?.[key], i);
    out += pairs('parameter', m.parameters, i);
    out += `${i}<area>\n`;
    out += el('areaDesc', m.area.desc[key], `${i}  `);
    for (const ring of m.area.rings ?? []) out += el('polygon', capPolygon(ring), `${i}  `);
    if (m.area.circle) out += el('circle', capCircle(m.area.circle), `${i}  `);
    out += pairs('geocode', m.area.geocodes, `${i}  `);
    out += `${i}</area>\n`;
    out += '  </info>\n';
  }
  return `${out}</alert>\n`;
}

export interface CapBuilderOptions {
  /** CAP `<sender>`, e.g. `ioc@binhphuoc.gov.vn`. */
  sender?: string;
  /** Start of every identifier we issue, e.g. `ioc-binhphuoc`. */
  idPrefix?: string;
  senderName?: LocalizedText;
  /** Radius of the `<circle>` around an alert's or incident's point. */
  circleRadiusKm?: number;
  /** The province, named when an alert or incident has no region of its own. */
  province?: { name: string; nameEn: string | null };
}

/** What a message about an alert or incident needs besides the record. */
export interface CapContext {
  msgType: CapMsgType;
  /** When the change happened (the message's `sent`). */
  at: Date;
  references: CapReference[];
  region?: CapRegion;
  status?: CapStatus;
}

/** What the incident's type declares (from the module manifests). */
export interface CapIncidentType {
  name: LocalizedText;
  sector: string;
  capCategory?: string;
}

const STATE_TEXT: Record<string, LocalizedText> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  verifying: { vi: 'Đang xác minh', en: 'Being verified' },
  forwarded: { vi: 'Đã chuyển cơ quan chức năng', en: 'Forwarded to the competent agency' },
  dispatched: { vi: 'Đã điều động lực lượng', en: 'Forces dispatched' },
  handling: { vi: 'Đang xử lý', en: 'Being handled' },
  resolved: { vi: 'Đã xử lý xong', en: 'Resolved' },
  published: { vi: 'Đã công bố kết quả', en: 'Result published' },
  cancelled: { vi: 'Đã huỷ (báo nhầm)', en: 'Cancelled (false alarm)' },
};

/** Builds the CAP messages of our alerts and incidents under one sender. */
/** What a headline starts with: nothing on an Alert, "Update:" / "Ended:" after it. */
function headlinePrefix(msgType: CapContext['msgType']): { vi: string; en: string } {
  return msgType === 'Cancel' ? { vi: 'Kết thúc: ', en: 'Ended: ' } : msgType === 'Update' ? { vi: 'Cập nhật: ', en: 'Update: ' } : { vi: '', en: '' };
}

export class CapBuilder {
  readonly sender: string;
  readonly idPrefix: string;
  private readonly senderName: LocalizedText;
  private readonly radiusKm: number;
  private readonly province: { name: string; nameEn: string | null };

  constructor(o: CapBuilderOptions = {}) {
    this.sender = o.sender ?? 'ioc@binhphuoc.gov.vn';
    this.idPrefix = o.idPrefix ?? 'ioc-binhphuoc';
    this.senderName = o.senderName ?? { vi: 'Trung tâm Giám sát, Điều hành thông minh tỉnh Bình Phước', en: 'Binh Phuoc Intelligent Operations Center' };
    this.radiusKm = o.circleRadiusKm ?? 1;
    this.province = o.province ?? { name: 'Tỉnh Bình Phước', nameEn: 'Binh Phuoc Province' };
  }

  /**
   * Deterministic: the same change of the same subject gives the same identifier, so two worker
   * processes that both hear the change store one message (the insert is ON CONFLICT DO NOTHING).
   */
  identifier(kind: 'alert' | 'incident', id: string, msgType: CapMsgType, at: Date): string {
    return `${this.idPrefix}-${kind}-${id}-${msgType.toLowerCase()}-${at.getTime()}`;
  }

  /** A reference to a message of ours. */
  reference(identifier: string, sent: Date): CapReference {
    return { sender: this.sender, identifier, sent: capTime(sent) };
  }

  private area(point: { lon: number | null; lat: number | null }, region: CapRegion | undefined): CapMessage['area'] {
    const desc = region ? { vi: region.name, en: region.nameEn ?? region.name } : { vi: this.province.name, en: this.province.nameEn ?? this.province.name };
    const geocodes: Array<[string, string]> = region ? [['ioc:region', region.id]] : [];
    // A point says where better than a region's approximate boundary; the region's polygon
    // stands in when there is no point.
    if (point.lon !== null && point.lat !== null) return { desc, circle: { lat: point.lat, lon: point.lon, radiusKm: this.radiusKm }, geocodes };
    const rings = region?.rings.filter((r) => capPolygon(r) !== undefined) ?? [];
    return { desc, ...(rings.length ? { rings } : {}), geocodes };
  }

  private levels(severity: Severity, msgType: CapMsgType): Pick<CapMessage, 'urgency' | 'severity' | 'certainty' | 'responseType'> {
    const l = SEVERITY_TO_CAP[severity];
    // A Cancel says the danger is over: urgency Past, "all clear".
    return msgType === 'Cancel' ? { ...l, urgency: 'Past', responseType: 'AllClear' } : l;
  }

  incidentMessage(inc: IncidentRecord, type: CapIncidentType | undefined, ctx: CapContext): CapMessage {
    const category = CAP_CATEGORIES.includes(type?.capCategory as CapCategory) ? (type!.capCategory as CapCategory) : capCategory(type?.sector);
    const event = type?.name ?? { vi: inc.type, en: inc.type };
    const state = STATE_TEXT[inc.state] ?? { vi: inc.state, en: inc.state };
    const prefix = headlinePrefix(ctx.msgType);
    const description = { vi: [inc.description, `Trạng thái: ${state.vi}.`].filter(Boolean).join('\n'), en: [inc.description, `State: ${state.en}.`].filter(Boolean).join('\n') };
    const result = inc.publicResult?.trim();
    return {
      identifier: this.identifier('incident', inc.id, ctx.msgType, ctx.at),
      sender: this.sender,
      sent: ctx.at,
      status: ctx.status ?? 'Actual',
      msgType: ctx.msgType,
      references: ctx.references,
      incidents: inc.code,
      category,
      event,
      ...this.levels(inc.severity, ctx.msgType),
      senderName: this.senderName,
      headline: { vi: `${prefix.vi}${inc.title}`, en: `${prefix.en}${event.en} (${inc.code})` },
      description,
      ...(ctx.msgType === 'Cancel'
        ? {
            instruction: result
              ? { vi: result, en: result }
              : inc.state === 'cancelled'
                ? { vi: 'Cảnh báo trước đó là báo nhầm; không cần hành động.', en: 'The earlier warning was a false alarm; no action is needed.' }
                : { vi: 'Sự cố đã được xử lý; người dân sinh hoạt bình thường.', en: 'The incident is over; no further action is needed.' },
          }
        : {}),
      eventCodes: [['ioc:incidentType', inc.type]],
      parameters: [
        ['ioc:incidentCode', inc.code],
        ['ioc:state', inc.state],
      ],
      area: this.area(inc, ctx.region),
    };
  }

  alertMessage(alert: AlertRecord, ctx: CapContext): CapMessage {
    const prefix = headlinePrefix(ctx.msgType);
    const value = alert.lastValue !== null ? { vi: ` Giá trị gần nhất: ${alert.lastValue}${alert.metric ? ` (${alert.metric})` : ''}.`, en: ` Last value: ${alert.lastValue}${alert.metric ? ` (${alert.metric})` : ''}.` } : { vi: '', en: '' };
    return {
      identifier: this.identifier('alert', alert.id, ctx.msgType, ctx.at),
      sender: this.sender,
      sent: ctx.at,
      status: ctx.status ?? 'Actual',
      msgType: ctx.msgType,
      references: ctx.references,
      category: capCategory(alert.sector),
      event: alert.title,
      ...this.levels(alert.severity, ctx.msgType),
      senderName: this.senderName,
      headline: { vi: `${prefix.vi}${alert.title.vi}`, en: `${prefix.en}${alert.title.en}` },
      description: { vi: `Cảnh báo #${alert.id}, lần đầu ${capTime(new Date(alert.firstAt))}, ${alert.count} lần.${value.vi}`, en: `Alert #${alert.id}, first at ${capTime(new Date(alert.firstAt))}, ${alert.count} time(s).${value.en}` },
      ...(ctx.msgType === 'Cancel' ? { instruction: { vi: 'Điều kiện cảnh báo đã kết thúc.', en: 'The warning condition has ended.' } } : {}),
      eventCodes: alert.ruleId ? [['ioc:rule', alert.ruleId]] : [],
      parameters: [['ioc:alertId', alert.id], ...(alert.sourceId ? ([['ioc:source', alert.sourceId]] as Array<[string, string]>) : [])],
      area: this.area(alert, ctx.region),
    };
  }
}

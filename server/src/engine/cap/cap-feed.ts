/** The public Atom 1.0 feed of our CAP messages (RFC 4287): one entry per message, newest first. */
import { capTime, xmlEscape } from './cap-builder.js';
import type { CapMessageRecord } from './cap.service.js';

export interface FeedOptions {
  /** Absolute URL of the API root, e.g. `https://ioc.binhphuoc.gov.vn` (links are built on it). */
  baseUrl: string;
  sender: string;
  title?: string;
}

/** Atom ids must be IRIs and never change: a tag URI on the sender's domain. */
export function entryId(sender: string, identifier: string): string {
  const domain = sender.includes('@') ? sender.slice(sender.indexOf('@') + 1) : sender;
  return `tag:${domain},2026:cap:${encodeURIComponent(identifier)}`;
}

export const messageUrl = (baseUrl: string, identifier: string): string => `${baseUrl}/api/v1/cap/alerts/${encodeURIComponent(identifier)}`;

export function atomFeed(items: CapMessageRecord[], o: FeedOptions): string {
  const updated = items[0] ? capTime(new Date(items[0].sent)) : capTime(new Date(0));
  const title = o.title ?? 'Cảnh báo CAP – IOC Bình Phước / CAP warnings – Binh Phuoc IOC';
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">\n`;
  out += `  <id>${xmlEscape(entryId(o.sender, 'feed'))}</id>\n`;
  out += `  <title>${xmlEscape(title)}</title>\n`;
  out += `  <updated>${updated}</updated>\n`;
  out += `  <author><name>${xmlEscape(o.sender)}</name></author>\n`;
  out += `  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${o.baseUrl}/api/v1/cap/feed`)}"/>\n`;
  for (const m of items) {
    const sent = capTime(new Date(m.sent));
    out += '  <entry>\n';
    out += `    <id>${xmlEscape(entryId(m.sender, m.identifier))}</id>\n`;
    out += `    <title>${xmlEscape(`${m.msgType === 'Alert' ? '' : `[${m.msgType}] `}${m.headline ?? m.identifier}`)}</title>\n`;
    out += `    <updated>${sent}</updated>\n`;
    out += `    <published>${sent}</published>\n`;
    out += `    <category term="${xmlEscape(m.msgType)}" label="CAP msgType"/>\n`;
    out += `    <summary>${xmlEscape(`${m.msgType} ${m.identifier} (${m.subjectKind} ${m.subjectId})`)}</summary>\n`;
    out += `    <link rel="alternate" type="application/cap+xml" href="${xmlEscape(messageUrl(o.baseUrl, m.identifier))}"/>\n`;
    out += '  </entry>\n';
  }
  return `${out}</feed>\n`;
}

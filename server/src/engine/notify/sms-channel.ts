import type { NotifyConfig } from '../../config/config.js';
import { phone84, toAscii } from './address.js';
import { DeliveryError, fetchFailure, retriableStatus, snippet, type ChannelSender, type OutgoingMessage, type SendResult } from './channels.js';

type SmsConfig = NonNullable<NotifyConfig['sms']>;

/** The values a gateway template can use. */
export function smsValues(m: OutgoingMessage, brandname: string): Record<string, string> {
  return { to: m.to, to84: phone84(m.to), text: m.text, text_ascii: toAscii(m.text), subject: m.subject ?? '', ref: m.ref ?? '', id: m.deliveryId, brandname };
}

/** Fills `{{name}}`s, each value escaped by `escape`; an unknown placeholder is left as it is. */
export function fillTemplate(template: string, values: Record<string, string>, escape: (v: string) => string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? escape(values[name]!) : whole));
}

function escaperFor(contentType: string): (v: string) => string {
  if (/json/i.test(contentType)) return (v) => JSON.stringify(v).slice(1, -1);
  if (/x-www-form-urlencoded/i.test(contentType)) return (v) => encodeURIComponent(v);
  return (v) => v;
}

/**
 * An SMS gateway over HTTP (a Vietnamese brandname gateway, or any that takes one request per
 * message): URL, method and body are templates filled per message, the values escaped for the
 * content type (JSON string, form field) and the URL. Optional Authorization header; optional
 * success pattern for gateways that answer 200 with an error code in the body. The URL, body and
 * header may carry API keys, so none of them is ever logged or shown.
 */
export class SmsChannel implements ChannelSender {
  readonly channel = 'sms' as const;
  constructor(
    private readonly config: SmsConfig,
    private readonly timeoutMs: number,
  ) {}

  async send(m: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
    const values = smsValues(m, this.config.brandname);
    const url = fillTemplate(this.config.url, values, encodeURIComponent);
    const headers: Record<string, string> = { 'user-agent': 'IOC-notify/0.1' };
    if (this.config.auth) headers.authorization = this.config.auth;
    const init: RequestInit = { method: this.config.method, headers, redirect: 'manual', signal };
    if (this.config.method !== 'GET') {
      headers['content-type'] = /charset/i.test(this.config.contentType) ? this.config.contentType : `${this.config.contentType}; charset=utf-8`;
      init.body = fillTemplate(this.config.body, values, escaperFor(this.config.contentType));
    }
    let res: Response;
    try {
      res = await fetch(url, init);
    } catch (err) {
      throw fetchFailure(err, this.timeoutMs);
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 200 && res.status < 300) {
      if (this.config.success && !this.config.success.test(text)) {
        // The gateway took the request but refused the message (bad number, no credit…).
        throw new DeliveryError(`gateway answered ${res.status} without success: ${snippet(text)}`, { permanent: true, responseCode: res.status });
      }
      return { responseCode: res.status };
    }
    if (res.status >= 300 && res.status < 400) throw new DeliveryError(`gateway answered ${res.status} (redirect, not followed)`, { permanent: true, responseCode: res.status });
    throw new DeliveryError(`gateway answered ${res.status}${text ? `: ${snippet(text)}` : ''}`, { permanent: !retriableStatus(res.status), responseCode: res.status });
  }

  describe(): Record<string, unknown> {
    let origin = '';
    try {
      origin = new URL(this.config.url.replace(/\{\{\w+\}\}/g, 'x')).origin;
    } catch {
      /* checked at boot */
    }
    return { configured: true, gateway: origin, method: this.config.method };
  }
}

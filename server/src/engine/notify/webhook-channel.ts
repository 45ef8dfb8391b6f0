import { createHmac } from 'node:crypto';
import { DeliveryError, fetchFailure, retriableStatus, snippet, type ChannelSender, type OutgoingMessage, type SendResult } from './channels.js';
import type { Clock } from '../time/clock.js';

export const SIGNATURE_HEADER = 'x-ioc-signature-256';

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes under the key, as a receiver recomputes it. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** The JSON a webhook receives. */
export interface WebhookPayload {
  deliveryId: string;
  ref: string | null;
  subject: string | null;
  text: string;
  attempt: number;
  sentAt: string;
}

/**
 * HTTP POST of a JSON body to the target URL. With a key, `X-IOC-Signature-256: sha256=<hex>`
 * signs the body (HMAC-SHA256, the GitHub convention); `sentAt` in the body lets a receiver
 * refuse replays. 2xx = sent; 408, 425, 429 and 5xx are tried again; other answers (and
 * redirects, which are not followed) fail the delivery for good.
 */
export class WebhookChannel implements ChannelSender {
  readonly channel = 'webhook' as const;
  constructor(
    private readonly timeoutMs: number,
    private readonly clock: Clock,
  ) {}

  async send(m: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
    const payload: WebhookPayload = { deliveryId: m.deliveryId, ref: m.ref, subject: m.subject, text: m.text, attempt: m.attempt, sentAt: this.clock.now().toISOString() };
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'IOC-notify/0.1',
      'x-ioc-delivery': m.deliveryId,
      'x-ioc-attempt': String(m.attempt),
    };
    if (m.ref) headers['x-ioc-ref'] = encodeURIComponent(m.ref);
    if (m.secret) headers[SIGNATURE_HEADER] = signBody(body, m.secret);
    let res: Response;
    try {
      res = await fetch(m.to, { method: 'POST', headers, body, redirect: 'manual', signal });
    } catch (err) {
      throw fetchFailure(err, this.timeoutMs);
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 200 && res.status < 300) return { responseCode: res.status };
    if (res.status >= 300 && res.status < 400) throw new DeliveryError(`answered ${res.status} (redirect, not followed)`, { permanent: true, responseCode: res.status });
    throw new DeliveryError(`answered ${res.status}${text ? `: ${snippet(text)}` : ''}`, { permanent: !retriableStatus(res.status), responseCode: res.status });
  }

  describe(): Record<string, unknown> {
    return { configured: true };
  }
}

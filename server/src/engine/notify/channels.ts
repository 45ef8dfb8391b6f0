import type { NotifyChannel } from './notify.types.js';

/** One try of one delivery, as a channel sends it. */
export interface OutgoingMessage {
  deliveryId: string;
  to: string;
  subject: string | null;
  text: string;
  ref: string | null;
  /** 1 for the first try. */
  attempt: number;
  /** Webhook HMAC key (the target's, else NOTIFY_WEBHOOK_SECRET). */
  secret?: string;
}

export interface SendResult {
  /** HTTP status, or the SMTP reply code. */
  responseCode?: number;
}

/** A channel: webhook, e-mail or SMS. Throws a DeliveryError when a try fails. */
export interface ChannelSender {
  readonly channel: NotifyChannel;
  send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult>;
  /** Where it sends, safe to show (no credentials, no query). */
  describe(): Record<string, unknown>;
  close?(): Promise<void>;
}

/** A failed try. `permanent`: another try would get the same answer (a 4xx, a 5xx SMTP reply). */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  readonly responseCode?: number;
  constructor(message: string, options: { permanent?: boolean; responseCode?: number } = {}) {
    super(message);
    this.name = 'DeliveryError';
    this.permanent = options.permanent ?? false;
    this.responseCode = options.responseCode;
  }
}

/** HTTP statuses worth trying again: timeouts, rate limits, server errors. */
export function retriableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** A fetch failure in words (undici hides the reason in `cause`), without the URL. */
export function fetchFailure(err: unknown, timeoutMs: number): DeliveryError {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return new DeliveryError(`no answer within ${timeoutMs} ms`);
  const cause = e?.cause?.code ?? e?.cause?.message;
  return new DeliveryError(cause ? `request failed: ${cause}` : `request failed: ${e?.message ?? String(err)}`);
}

/** At most `max` characters of a response body, for an error message. */
export function snippet(text: string, max = 200): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

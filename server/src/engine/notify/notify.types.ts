import type { LocalizedText } from '@ioc/sdk';

export const CHANNELS = ['webhook', 'email', 'sms'] as const;
export type NotifyChannel = (typeof CHANNELS)[number];

export const DELIVERY_STATES = ['queued', 'sent', 'failed', 'retrying'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * What a service (the alert engine, an escalation step) asks the notifier to send. `to` names
 * targets (`so-y-te-truc-ban`) or gives addresses directly: a webhook URL, an e-mail address,
 * a phone number.
 */
export interface SendRequest {
  channel: NotifyChannel;
  to: string | string[];
  subject?: string;
  text: string;
  /** What the message is about, e.g. `alert:17`; the delivery log is searched by it. */
  ref?: string;
}

/** A recipient configured by name, as the API shows it (the secret never; the address masked). */
export interface NotificationTarget {
  id: string;
  name: LocalizedText;
  channel: NotifyChannel;
  /** URL, e-mail address or phone number; a password or query values in a URL are shown as ***. */
  address: string;
  /** The target signs its webhook bodies with its own key. */
  hasSecret: boolean;
  enabled: boolean;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Body of POST (and PUT) /api/v1/notification-targets. */
export interface TargetInput {
  id: string;
  name: LocalizedText;
  channel: NotifyChannel;
  address: string;
  /** Webhook HMAC key; omitted on PUT = keep, null = remove. */
  secret?: string | null;
  enabled?: boolean;
  description?: string | null;
}

export interface DeliveryAttempt {
  attempt: number;
  state: 'sending' | 'sent' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** HTTP status, or the SMTP reply code. */
  responseCode: number | null;
  error: string | null;
}

/** One message to one recipient, with every try of it. */
export interface Delivery {
  id: string;
  channel: NotifyChannel;
  targetId: string | null;
  /** The address it went to (masked like a target's). */
  recipient: string;
  subject: string | null;
  text: string;
  ref: string | null;
  state: DeliveryState;
  /** Tries made so far. */
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  responseCode: number | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  /** When the next try is due (state retrying or queued). */
  nextAttemptAt: string | null;
  tries: DeliveryAttempt[];
}

export interface DeliveryQuery {
  ref?: string;
  state?: DeliveryState;
  channel?: NotifyChannel;
  targetId?: string;
  limit?: number;
}

export type NotifyErrorCode = 'not-found' | 'invalid' | 'conflict';

/** A refusal the API turns into problem+json; `problems` name each bad field. */
export class NotifyError extends Error {
  constructor(
    readonly code: NotifyErrorCode,
    message: string,
    readonly problems: Array<{ field: string; problem: string }> = [],
  ) {
    super(message);
    this.name = 'NotifyError';
  }
}

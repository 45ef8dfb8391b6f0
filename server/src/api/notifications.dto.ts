/**
 * Request and response shapes of `/api/v1/notification-targets` and `/api/v1/notifications`.
 * Bodies are checked with zod here (each problem names its field); addresses are checked per
 * channel by the notifier, which names the field too.
 */
import { z } from 'zod';
import { CHANNELS, DELIVERY_STATES, type DeliveryQuery, type SendRequest, type TargetInput } from '../engine/notify/notify.types.js';
import { parseInput } from './validation.js';

export type { Delivery, DeliveryAttempt, NotificationTarget } from '../engine/notify/notify.types.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const localized = z.object({ vi: text(200).describe('Tiếng Việt'), en: text(200).describe('English') });

export const targetSchema = z.object({
  id: text(80).describe("Name the services use in `to`: lower-case letters, digits, '.', '_', '-' (e.g. `so-y-te-truc-ban`)."),
  name: localized.describe('Display name, Vietnamese and English.'),
  channel: z.enum(CHANNELS).describe('webhook, email or sms'),
  address: text(2000).describe('Webhook URL (http/https), e-mail address, or phone number (0912345678, +84912345678).'),
  secret: z.string().max(500, 'must be at most 500 characters').nullable().optional().describe('Webhook only: HMAC-SHA256 key of the X-IOC-Signature-256 header. Write-only: answers say `hasSecret`. On PUT, omitted = keep, null = remove.'),
  enabled: z.boolean().optional().describe('Default true; a switched-off target gets its deliveries recorded as failed.'),
  description: z.string().max(2000, 'must be at most 2000 characters').nullable().optional(),
});

export const updateTargetSchema = targetSchema.extend({ id: text(80).optional().describe('If given, must be the id in the path.') });

export const sendSchema = z.object({
  channel: z.enum(CHANNELS).describe('webhook, email or sms'),
  to: z.union([text(2000), z.array(text(2000)).min(1, 'must name at least one recipient').max(100, 'must name at most 100 recipients')]).describe('Target ids or addresses of the channel (one, or a list).'),
  subject: z.string().max(500, 'must be at most 500 characters').optional().describe('E-mail subject; also sent to webhooks.'),
  text: text(10000).describe('The message (UTF-8, Vietnamese welcome).'),
  ref: z.string().max(200, 'must be at most 200 characters').optional().describe('What it is about, e.g. `alert:17`; the log is searched by it.'),
});

export const deliveriesQuerySchema = z.object({
  ref: z.string().optional().describe('Only deliveries about this, e.g. `alert:17`.'),
  state: z.enum(DELIVERY_STATES).optional().describe('queued, sent, failed or retrying'),
  channel: z.enum(CHANNELS).optional(),
  targetId: z.string().optional().describe('Only deliveries to this target.'),
  limit: z.coerce.number().int('must be an integer').min(1).max(1000).optional().describe('Newest first, default 100, at most 1000.'),
});

export const targetsQuerySchema = z.object({ channel: z.enum(CHANNELS).optional().describe('Only targets of this channel.') });

export function parseTarget(body: unknown): TargetInput {
  return parseInput(targetSchema, body ?? {}) as TargetInput;
}

export function parseUpdateTarget(body: unknown, id: string): TargetInput {
  const t = parseInput(updateTargetSchema, body ?? {});
  return { ...t, id: t.id ?? id } as TargetInput;
}

export function parseSend(body: unknown): SendRequest {
  return parseInput(sendSchema, body ?? {}) as SendRequest;
}

export function parseDeliveriesQuery(q: Record<string, unknown>): DeliveryQuery {
  return parseInput(deliveriesQuerySchema, q, 'query') as DeliveryQuery;
}

export function parseTargetsQuery(q: Record<string, unknown>): { channel?: (typeof CHANNELS)[number] } {
  return parseInput(targetsQuerySchema, q, 'query');
}

import { z } from 'zod';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { Notifier } from '../engine/notify/notifier.js';
import { NotifyError } from '../engine/notify/notify.types.js';
import { ApiDoc } from './openapi/api-doc.js';
import { ProblemException } from './problem.js';
import {
  deliveriesQuerySchema,
  parseDeliveriesQuery,
  parseSend,
  parseTarget,
  parseTargetsQuery,
  parseUpdateTarget,
  sendSchema,
  targetSchema,
  targetsQuerySchema,
  updateTargetSchema,
  type Delivery,
  type NotificationTarget,
} from './notifications.dto.js';
import { Access } from '../engine/auth/access.js';

const STATUS: Record<NotifyError['code'], { status: number; title: string }> = {
  'not-found': { status: HttpStatus.NOT_FOUND, title: 'Not found' },
  invalid: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid request' },
  conflict: { status: HttpStatus.CONFLICT, title: 'Conflict' },
};

async function answer<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof NotifyError)) throw err;
    const s = STATUS[err.code];
    throw new ProblemException({ status: s.status, title: s.title, detail: err.problems.length ? err.problems.slice(0, 3).map((p) => `${p.field} ${p.problem}`).join('; ') : err.message, ...(err.problems.length ? { errors: err.problems } : {}) });
  }
}

const channel = z.enum(['webhook', 'email', 'sms']);
const TargetSchema = z
  .object({
    id: z.string(),
    name: z.object({ vi: z.string(), en: z.string() }),
    channel,
    address: z.string().describe('A password or query values in a URL are shown as ***.'),
    hasSecret: z.boolean(),
    enabled: z.boolean(),
    description: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'NotificationTarget' });
const AttemptSchema = z.object({
  attempt: z.number().int(),
  state: z.enum(['sending', 'sent', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  responseCode: z.number().int().nullable().describe('HTTP status or SMTP reply code'),
  error: z.string().nullable(),
});
const DeliverySchema = z
  .object({
    id: z.string(),
    channel,
    targetId: z.string().nullable(),
    recipient: z.string(),
    subject: z.string().nullable(),
    text: z.string(),
    ref: z.string().nullable(),
    state: z.enum(['queued', 'sent', 'failed', 'retrying']),
    attempts: z.number().int().describe('Tries made so far'),
    maxAttempts: z.number().int(),
    lastError: z.string().nullable(),
    responseCode: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    sentAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    tries: z.array(AttemptSchema).describe('Every try, first first'),
  })
  .meta({ id: 'NotificationDelivery' });
const TARGET_ID = { id: 'Target id, e.g. `so-y-te-truc-ban`' };
const TARGET_EXAMPLE = { id: 'so-y-te-truc-ban', name: { vi: 'Trực ban Sở Y tế', en: 'Department of Health duty desk' }, channel: 'webhook', address: 'https://syt.binhphuoc.gov.vn/hooks/ioc', secret: 'khoa-bi-mat' };

/**
 * Named recipients of notifications (REQUIREMENTS §1: alerts forwarded to the agency in charge):
 * a department's duty desk webhook, an official's e-mail, a commune chairman's phone.
 */
@Controller('api/v1/notification-targets')
export class NotificationTargetsController {
  constructor(@Inject(Notifier) private readonly notifier: Notifier) {}

  @ApiDoc({ summary: 'List notification targets', description: 'Recipients configured by name, per channel. Secrets are never shown (`hasSecret`). / Danh sách người nhận thông báo.', query: targetsQuerySchema, responses: { 200: { description: 'Targets', schema: z.object({ items: z.array(TargetSchema) }) }, 422: { description: 'A query parameter is invalid' } } })
  @Access('notify:read')
  @Get()
  async list(@Query() query: unknown): Promise<{ items: NotificationTarget[] }> {
    const q = parseTargetsQuery((query ?? {}) as Record<string, unknown>);
    return { items: await this.notifier.targets(q.channel) };
  }

  @ApiDoc({ summary: 'One notification target', params: TARGET_ID, responses: { 200: { description: 'The target', schema: TargetSchema }, 404: { description: 'No such target' } } })
  @Access('notify:read')
  @Get(':id')
  one(@Param('id') id: string): Promise<NotificationTarget> {
    return answer(() => this.notifier.target(id));
  }

  @ApiDoc({
    summary: 'Create a notification target',
    description: 'The address is checked for the channel (URL, e-mail address, phone number); a webhook may carry its own signing key.',
    body: { schema: targetSchema, example: TARGET_EXAMPLE },
    responses: { 201: { description: 'The target', schema: TargetSchema }, 409: { description: 'The id exists already' }, 422: { description: 'A field is invalid' } },
  })
  @Access('notify:write')
  @Post()
  create(@Body() body: unknown): Promise<NotificationTarget> {
    return answer(() => this.notifier.createTarget(parseTarget(body)));
  }

  @ApiDoc({
    summary: 'Replace a notification target',
    description: 'Every field as on create; `secret` omitted keeps the stored key, null removes it. An address sent back as an answer masked it keeps the stored one.',
    params: TARGET_ID,
    body: { schema: updateTargetSchema, example: { ...TARGET_EXAMPLE, secret: undefined, enabled: false } },
    responses: { 200: { description: 'The target', schema: TargetSchema }, 404: { description: 'No such target' }, 422: { description: 'A field is invalid' } },
  })
  @Access('notify:write')
  @Put(':id')
  update(@Param('id') id: string, @Body() body: unknown): Promise<NotificationTarget> {
    return answer(() => this.notifier.updateTarget(id, parseUpdateTarget(body, id)));
  }

  @ApiDoc({ summary: 'Delete a notification target', description: 'Past deliveries stay in the log.', params: TARGET_ID, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such target' } } })
  @Access('notify:write')
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await answer(() => this.notifier.deleteTarget(id));
  }
}

/** The delivery log: every message, every try, and what the other side answered. */
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(@Inject(Notifier) private readonly notifier: Notifier) {}

  @ApiDoc({
    summary: 'Delivery log',
    description: 'Deliveries newest first with every try (state, timings, response code, error), e.g. everything sent about `alert:17`. / Nhật ký gửi thông báo.',
    query: deliveriesQuerySchema,
    responses: { 200: { description: 'Deliveries', schema: z.object({ items: z.array(DeliverySchema) }) }, 422: { description: 'A query parameter is invalid' } },
  })
  @Access('notify:read')
  @Get()
  async list(@Query() query: unknown): Promise<{ items: Delivery[] }> {
    const q = parseDeliveriesQuery((query ?? {}) as Record<string, unknown>);
    return { items: await this.notifier.deliveries(q) };
  }

  @ApiDoc({ summary: 'One delivery with its tries', params: { id: 'Delivery id' }, responses: { 200: { description: 'The delivery', schema: DeliverySchema }, 404: { description: 'No such delivery' } } })
  @Access('notify:read')
  @Get(':id')
  one(@Param('id') id: string): Promise<Delivery> {
    return answer(() => this.notifier.delivery(id));
  }

  @ApiDoc({
    summary: 'Send a notification',
    description: 'What the alert engine does through the service API, for operators (a test message to a new target): one delivery per recipient, tried with retries and exponential backoff by the worker role. 202 with the deliveries to follow.',
    body: { schema: sendSchema, example: { channel: 'sms', to: ['chu-tich-xa-tan-phu', '0912345678'], text: 'Cảnh báo ngập tại xã Tân Phú, mực nước 1,2 m.', ref: 'alert:17' } },
    responses: { 202: { description: 'Deliveries queued (or failed at once when the channel is not configured)', schema: z.object({ items: z.array(DeliverySchema) }) }, 422: { description: 'A field is invalid, or `to` is neither a target of the channel nor an address' } },
  })
  @Access('notify:write')
  @Post()
  @HttpCode(202)
  async send(@Body() body: unknown): Promise<{ items: Delivery[] }> {
    const req = parseSend(body);
    return { items: await answer(() => this.notifier.send(req)) };
  }
}

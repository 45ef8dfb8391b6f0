import { z } from 'zod';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiDoc } from './openapi/api-doc.js';
import { parseInput } from './validation.js';
import { invalidBody, ProblemException } from './problem.js';
import { Access } from '../engine/auth/access.js';
import type { Principal } from '../engine/auth/principal.js';
import { DeviceCredentials } from '../engine/devices/device-credentials.js';
import { CredentialInputError, CredentialNotFoundError } from '../engine/devices/credential-store.js';

const CredentialSchema = z.object({
  id: z.string(),
  username: z.string(),
  sources: z.array(z.string()),
  note: z.string().nullable(),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const IssuedSchema = z.object({ id: z.string(), username: z.string(), secret: z.string().describe('The MQTT password. Shown once; only hashes are stored.'), credential: CredentialSchema });
const IssueBody = z.object({
  username: z.string().optional().describe('MQTT user name (a-z 0-9 _ . -); default dev-<random>.'),
  sources: z.array(z.string()).min(1).describe('Source ids this device (or gateway) publishes for.'),
  note: z.string().max(500).optional(),
});

type Req = { principal?: Principal };

/** Maps store errors to problem+json. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CredentialInputError) throw invalidBody(err.errors);
    if (err instanceof CredentialNotFoundError) throw new ProblemException({ status: 404, title: 'Not found', detail: err.message, errors: [{ field: 'id', problem: err.message }] });
    throw err;
  }
}

/** Device credentials (MQTT user names and secrets) and their topic ACL. */
@Controller('api/v1/devices/credentials')
export class DevicesController {
  constructor(@Inject(DeviceCredentials) private readonly devices: DeviceCredentials) {}

  @Access('device:manage')
  @Post()
  @HttpCode(201)
  @ApiDoc({
    summary: 'Issue a device credential',
    description: 'A device or gateway signs in to the MQTT broker with `username` and `secret`, and may publish only `ioc/v1/{sector}/{kind}/{sourceId}/{telemetry|event|status}` of its `sources`. The secret is answered once.',
    body: IssueBody,
    responses: { 201: { description: 'Issued; `secret` is shown only now.', schema: IssuedSchema }, 422: { description: 'A field is missing or invalid (named in `errors`).' } },
  })
  async issue(@Body() body: unknown, @Req() req: Req): Promise<unknown> {
    const input = parseInput(IssueBody, body ?? {});
    const r = await answer(() => this.devices.issue(input, req.principal));
    return { id: r.credential.id, username: r.credential.username, secret: r.secret, credential: r.credential };
  }

  @Access('device:manage')
  @Get()
  @ApiDoc({ summary: 'Device credentials', description: 'Every credential, revoked ones included; never secrets or hashes.', responses: { 200: { description: 'The credentials.', schema: z.object({ items: z.array(CredentialSchema) }) } } })
  async list(): Promise<unknown> {
    return { items: await this.devices.list() };
  }

  @Access('device:manage')
  @Post(':id/rotate')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Rotate a device secret',
    description: 'A new secret, answered once; the old one stops working at once and sessions signed in with it are closed.',
    params: { id: 'Credential id' },
    responses: { 200: { description: 'The new secret.', schema: IssuedSchema }, 404: { description: 'No such credential.' }, 422: { description: 'The credential is revoked.' } },
  })
  async rotate(@Param('id') id: string, @Req() req: Req): Promise<unknown> {
    const r = await answer(() => this.devices.rotate(id, req.principal));
    return { id: r.credential.id, username: r.credential.username, secret: r.secret, credential: r.credential };
  }

  @Access('device:manage')
  @Delete(':id')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Revoke a device credential',
    description: 'The device can no longer connect; its live sessions at the embedded broker are closed.',
    params: { id: 'Credential id' },
    responses: { 200: { description: 'The revoked credential.', schema: CredentialSchema }, 404: { description: 'No such credential.' } },
  })
  async revoke(@Param('id') id: string, @Req() req: Req): Promise<unknown> {
    if (!id) throw invalidBody([{ field: 'id', problem: 'is required' }]);
    return answer(() => this.devices.revoke(id, req.principal));
  }
}

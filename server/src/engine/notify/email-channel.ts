import nodemailer, { type NodemailerError, type Transporter } from 'nodemailer';
import { DeliveryError, type ChannelSender, type OutgoingMessage, type SendResult } from './channels.js';

export interface EmailChannelOptions {
  /** smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://…:465 (TLS from the start). */
  url: URL;
  from: string;
  timeoutMs: number;
  /** Subject of a message sent without one. */
  defaultSubject?: string;
}

/**
 * E-mail over SMTP with nodemailer: UTF-8 subjects (RFC 2047 encoded words) and bodies, so
 * Vietnamese text arrives intact. A 5xx reply fails the delivery for good; a 4xx reply, a lost
 * connection or a timeout is tried again.
 */
export class EmailChannel implements ChannelSender {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly options: EmailChannelOptions) {
    const u = options.url;
    const secure = u.protocol === 'smtps:';
    this.transport = nodemailer.createTransport({
      host: u.hostname,
      port: u.port ? Number(u.port) : secure ? 465 : 587,
      secure,
      auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      // Honour ?tls.rejectUnauthorized=false style switches for a relay with a private certificate.
      tls: u.searchParams.get('tls.rejectUnauthorized') === 'false' ? { rejectUnauthorized: false } : undefined,
    });
  }

  async send(m: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: m.to,
        subject: m.subject ?? this.options.defaultSubject ?? 'Thông báo từ IOC / IOC notification',
        text: m.text,
        textEncoding: 'base64',
        headers: { 'X-IOC-Delivery': m.deliveryId, ...(m.ref ? { 'X-IOC-Ref': m.ref } : {}) },
        signal,
      });
      const code = Number(/^(\d{3})/.exec(String(info.response ?? ''))?.[1]);
      return { responseCode: Number.isFinite(code) ? code : 250 };
    } catch (err) {
      const e = err as NodemailerError;
      if (e?.name === 'AbortError' || e?.code === 'EABORT') throw new DeliveryError(`no answer within ${this.options.timeoutMs} ms`);
      const what = e?.responseCode ? `SMTP ${e.responseCode}: ${(e.response ?? e.message).slice(0, 200)}` : `${e?.code ?? 'SMTP'}: ${e?.message ?? String(err)}`;
      // A reply says by its class (5xx but 503 permanent); without one, missing credentials or an
      // envelope nodemailer cannot build stay wrong until the configuration changes.
      const permanent = e?.permanent ?? (e?.responseCode ? e.responseCode >= 500 && e.responseCode !== 503 : e?.code === 'EAUTH' || e?.code === 'EENVELOPE');
      throw new DeliveryError(what, { permanent, responseCode: e?.responseCode });
    }
  }

  describe(): Record<string, unknown> {
    const u = this.options.url;
    return { configured: true, server: `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`, from: this.options.from };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

import type { NotifyChannel } from './notify.types.js';

/** Why an address is not usable on a channel, or undefined when it is. */
export function addressProblem(channel: NotifyChannel, address: string): string | undefined {
  switch (channel) {
    case 'webhook': {
      let u: URL;
      try {
        u = new URL(address);
      } catch {
        return 'is not a URL';
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'must be an http:// or https:// URL';
      if (!u.hostname) return 'has no host';
      return undefined;
    }
    case 'email':
      return /^[^\s@<>",;]+@[^\s@<>",;]+$/.test(address) && !address.endsWith('.') ? undefined : 'is not an e-mail address';
    case 'sms':
      return normalizePhone(address) ? undefined : 'is not a phone number (e.g. 0912345678 or +84912345678)';
  }
}

/** Digits of a phone number with a leading + kept; undefined when it is not one. */
export function normalizePhone(raw: string): string | undefined {
  const s = raw.trim().replace(/[\s.\-()]/g, '');
  return /^\+?\d{8,15}$/.test(s) ? s : undefined;
}

/** A Vietnamese number in the 84… form most SMS gateways want (0912… → 84912…, +84… → 84…). */
export function phone84(raw: string): string {
  const p = normalizePhone(raw) ?? raw;
  if (p.startsWith('+')) return p.slice(1);
  if (p.startsWith('0')) return `84${p.slice(1)}`;
  return p;
}

/** A URL with its password and query values hidden; other addresses as they are. */
export function maskAddress(channel: NotifyChannel, address: string): string {
  if (channel !== 'webhook') return address;
  try {
    const u = new URL(address);
    if (u.password) u.password = '***';
    for (const key of [...new Set(u.searchParams.keys())]) u.searchParams.set(key, '***');
    return u.toString();
  } catch {
    return address;
  }
}

/** Vietnamese without diacritics, for gateways or handsets that only take plain ASCII SMS. */
export function toAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

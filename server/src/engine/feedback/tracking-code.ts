import { randomInt } from 'node:crypto';

/**
 * Tracking codes (mã phản ánh) like `PA-2612-7KQ4`: PA (phản ánh), year and month of receipt in
 * Vietnam, four characters a citizen can read out over the 1022 hotline without confusion (no
 * 0/O, 1/I/L, 5/S, 2/Z, U/V). Random, not sequential, so a code does not reveal its neighbours;
 * 25⁴ ≈ 390 000 codes a month (District 7 received about 6 300 over a campaign), and an insert that collides draws again.
 */
export const CODE_ALPHABET = '346789ABCDEFGHJKMNPQRTWXY';
export const CODE_PATTERN = /^PA-\d{4}-[346789ABCDEFGHJKMNPQRTWXY]{4}$/;

const yymm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: '2-digit', month: '2-digit' });

export function trackingCode(at: Date, random: (n: number) => number = randomInt): string {
  const parts = Object.fromEntries(yymm.formatToParts(at).map((p) => [p.type, p.value]));
  let tail = '';
  for (let i = 0; i < 4; i++) tail += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return `PA-${parts.year}${parts.month}-${tail}`;
}

/** Codes are read back by people: accept lower case and stray spaces. */
export function normalizeCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '');
}

// A time-based one-time password (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps), what an
// authenticator app shows for a base32 secret: how the fixtures log in a persona with two-factor
// sign-in. Node's own crypto, so the package needs no TOTP library.
import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_PERIOD_MS = 30_000;

/** The 6-digit code for `secret` (base32) at `timestamp` (ms since the epoch). */
export function totpCode(secret: string, timestamp: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timestamp / TOTP_PERIOD_MS)));
  const hmac = createHmac('sha1', decodeBase32(secret)).update(counter).digest();
  // RFC 4226's dynamic truncation: 31 bits from where the last nibble points.
  const offset = (hmac.at(-1) ?? 0) & 0x0f;
  const value = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, '0');
}

/** RFC 4648 base32, case and padding ignored. */
export function decodeBase32(text: string): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let buffer = 0;
  for (const character of text.toUpperCase().replace(/=+$/, '')) {
    const value = BASE32.indexOf(character);
    if (value === -1) throw new Error(`${JSON.stringify(text)} is not base32: "${character}" is no base32 digit.`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** initData older than this is refused (the Mini App was opened more than an hour ago). */
export const INIT_DATA_MAX_AGE_MS = 3_600_000;

export type InitDataCheck =
  | { ok: true; userId: string; authDate: number }
  | { ok: false; reason: 'malformed' | 'no_hash' | 'bad_hash' | 'expired' | 'no_user' };

const HASH = /^[0-9a-f]{64}$/u;

/**
 * Verifies a Telegram Mini App's `initData` (a query string signed by Telegram for the bot): the secret is
 * HMAC-SHA256(key "WebAppData", bot token); the expected hash is hex HMAC-SHA256(key secret, data-check-string), the
 * data-check-string being every received field but `hash` (`signature` kept), URL-decoded, sorted by key, `key=value`
 * joined by newlines. Compared in constant time; `auth_date` at most an hour old by the injected clock (a little in
 * the future is allowed for clock skew). A key sent twice is refused. This is not the Login Widget's scheme (whose
 * secret is SHA-256 of the token). Pure apart from the HMAC: it never logs and keeps nothing.
 */
export function verifyInitData(initData: string, botToken: string, now: number): InitDataCheck {
  if (initData.length === 0 || initData.length > 4096) return { ok: false, reason: 'malformed' };
  const fields = new Map<string, string>();
  for (const pair of initData.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return { ok: false, reason: 'malformed' };
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(pair.slice(0, eq).replace(/\+/gu, ' '));
      value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/gu, ' '));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (fields.has(key)) return { ok: false, reason: 'malformed' };
    fields.set(key, value);
  }
  const hash = fields.get('hash');
  if (hash === undefined) return { ok: false, reason: 'no_hash' };
  if (!HASH.test(hash)) return { ok: false, reason: 'bad_hash' };
  fields.delete('hash');
  const dataCheck = [...fields.keys()]
    .sort()
    .map((k) => `${k}=${fields.get(k)!}`)
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const expected = createHmac('sha256', secret).update(dataCheck).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return { ok: false, reason: 'bad_hash' };
  const authDate = Number(fields.get('auth_date'));
  if (!Number.isSafeInteger(authDate) || authDate <= 0) return { ok: false, reason: 'malformed' };
  const age = now - authDate * 1000;
  if (age > INIT_DATA_MAX_AGE_MS || age < -5 * 60_000) return { ok: false, reason: 'expired' };
  let user: unknown;
  try {
    user = JSON.parse(fields.get('user') ?? 'null');
  } catch {
    return { ok: false, reason: 'no_user' };
  }
  const id = typeof user === 'object' && user !== null ? (user as { id?: unknown }).id : undefined;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return { ok: false, reason: 'no_user' };
  return { ok: true, userId: String(id), authDate: authDate * 1000 };
}

import { createHmac } from 'node:crypto';

/**
 * Signs Mini App initData as Telegram does (independently of the app's verifier): secret = HMAC-SHA256(key
 * "WebAppData", token), hash = hex HMAC-SHA256(key secret, the sorted `key=value` lines of every field but hash).
 */
export function signInitData(token: string, fields: Record<string, string>): string {
  const secret = createHmac('sha256', 'WebAppData').update(token).digest();
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n');
  const hash = createHmac('sha256', secret).update(check).digest('hex');
  return new URLSearchParams({ ...fields, hash }).toString();
}

/** A Telegram user's initData, opened at `authDate` (ms). */
export function initDataFor(token: string, userId: number, authDate: number, extra: Record<string, string> = {}): string {
  return signInitData(token, {
    auth_date: String(Math.floor(authDate / 1000)),
    query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
    user: JSON.stringify({ id: userId, first_name: 'Lan', last_name: 'Nguyễn', username: 'lan_bs', language_code: 'vi' }),
    ...extra,
  });
}

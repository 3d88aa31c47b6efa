import { describe, expect, it } from 'vitest';
import { verifyInitData } from '../../src/web/quiz/init-data.ts';
import { initDataFor, signInitData } from '../helpers/mini-app.ts';

const TOKEN = '123456789:AAE-known-test-token_0123456789abcdef';
const NOW = Date.parse('2023-07-05T09:00:00+07:00');

/** The Telegram Mini App's initData check (issue 22), with a hash computed here from a known token. */
describe('verifyInitData', () => {
  it('should accept initData signed with the bot token and give the Telegram user id', () => {
    expect(verifyInitData(initDataFor(TOKEN, 424242, NOW - 60_000), TOKEN, NOW)).toEqual({ ok: true, userId: '424242', authDate: NOW - 60_000 });
  });

  it('should match a hash computed by hand for a fixed initData', () => {
    // data-check-string "auth_date=1688522400\nuser={"id":7}" under the Mini App secret of TOKEN.
    const fixed = signInitData(TOKEN, { user: '{"id":7}', auth_date: '1688522400' });
    expect(fixed).toMatch(/^user=%7B%22id%22%3A7%7D&auth_date=1688522400&hash=[0-9a-f]{64}$/u);
    expect(verifyInitData(fixed, TOKEN, 1688522400_000)).toMatchObject({ ok: true, userId: '7' });
  });

  it('should refuse another token\'s hash, a changed field, a missing or malformed hash', () => {
    const good = initDataFor(TOKEN, 424242, NOW);
    expect(verifyInitData(good, '987654321:other-token', NOW)).toEqual({ ok: false, reason: 'bad_hash' });
    expect(verifyInitData(good.replace('424242', '424243'), TOKEN, NOW)).toEqual({ ok: false, reason: 'bad_hash' });
    const hash = /hash=([0-9a-f]{64})/u.exec(good)![1]!;
    const flipped = good.replace(hash, `${hash.slice(0, 63)}${hash[63] === '0' ? '1' : '0'}`);
    expect(verifyInitData(flipped, TOKEN, NOW)).toEqual({ ok: false, reason: 'bad_hash' });
    expect(verifyInitData(good.replace(/&hash=[0-9a-f]{64}/u, ''), TOKEN, NOW)).toEqual({ ok: false, reason: 'no_hash' });
    expect(verifyInitData(good.replace(/hash=[0-9a-f]{64}/u, 'hash=abc'), TOKEN, NOW)).toEqual({ ok: false, reason: 'bad_hash' });
    expect(verifyInitData('', TOKEN, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('should keep `signature` in the checked string: signed with it, it verifies; removed or changed, it does not', () => {
    const signed = initDataFor(TOKEN, 424242, NOW, { signature: 'c2lnbmF0dXJlLWJ5LXRlbGVncmFt' });
    expect(verifyInitData(signed, TOKEN, NOW)).toMatchObject({ ok: true });
    expect(verifyInitData(signed.replace(/&?signature=[^&]+/u, ''), TOKEN, NOW)).toEqual({ ok: false, reason: 'bad_hash' });
    expect(verifyInitData(signed.replace('c2lnbmF0dXJl', 'c2lnbmF0dXJf'), TOKEN, NOW)).toEqual({ ok: false, reason: 'bad_hash' });
  });

  it('should refuse auth_date older than an hour (an hour exactly still passes)', () => {
    expect(verifyInitData(initDataFor(TOKEN, 1, NOW - 3_600_000), TOKEN, NOW)).toMatchObject({ ok: true });
    expect(verifyInitData(initDataFor(TOKEN, 1, NOW - 3_601_000), TOKEN, NOW)).toEqual({ ok: false, reason: 'expired' });
  });

  it('should refuse a key sent twice, even with a hash over one of them', () => {
    const good = initDataFor(TOKEN, 424242, NOW);
    expect(verifyInitData(`${good}&user=%7B%22id%22%3A1%7D`, TOKEN, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyInitData(`${good}&hash=${'0'.repeat(64)}`, TOKEN, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('should refuse signed initData without a user', () => {
    expect(verifyInitData(signInitData(TOKEN, { auth_date: String(NOW / 1000) }), TOKEN, NOW)).toEqual({ ok: false, reason: 'no_user' });
  });
});

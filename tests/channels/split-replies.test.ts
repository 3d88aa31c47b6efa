import { describe, expect, it } from 'vitest';
import { ADMIN_ID, botSays, mark, startTestBot, useTelegramFixture } from '../helpers/telegram.ts';
import { startZaloTestBot, useZaloFixture, ZALO_ADMIN, zaloUser } from '../helpers/zalo.ts';
import { ANNOUNCEMENT } from '../helpers/long-reply.ts';


const FAULTS = [
  ['a quota error (429)', { zalo: { error_code: 429, description: 'quota exceeded' }, telegram: { status: 429, retryAfter: 1 } }],
  ['a server error (502)', { zalo: { error_code: 502, description: 'Bad Gateway' }, telegram: { status: 502 } }],
] as const;

describe('a long reply on Zalo when a later piece fails', () => {
  const t = useZaloFixture('cds-zalo-split-');

  for (const [what, fault] of FAULTS) {
    it(`should send each piece once and in order after ${what} on the second piece`, async () => {
      t.bot = await startZaloTestBot(t.fake, t.dir.path, { env: { ZALO_QUOTA_BACKOFF_SECONDS: '1' } });
      const official = zaloUser(t.fake, ZALO_ADMIN);
      t.fake.fail({ method: 'sendMessage', ...fault.zalo, after: 1 });
      await official.say(`/thongbao ${ANNOUNCEMENT}`, /Gõ \/xacnhan \S+ để gửi/u);
      const pieces = t.fake.sent.get(ZALO_ADMIN)!;
      expect(pieces).toHaveLength(3);
      expect(new Set(pieces).size).toBe(3);
      expect(pieces.join('\n')).toContain(ANNOUNCEMENT);
      // Four calls: the first piece, the second refused, then the second again and the third.
      const texts = t.fake.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === ZALO_ADMIN).map((c) => c.body.text);
      expect(texts).toEqual([pieces[0], pieces[1], pieces[1], pieces[2]]);
    });
  }
});

describe('a long reply on Telegram when a later call fails', () => {
  const t = useTelegramFixture();

  for (const [what, fault] of FAULTS) {
    it(`should send each message once and in order after ${what} on the second one`, async () => {
      const { fake } = t;
      // One try per call: the inbox's own retry (postponed, then resumed) is what is tested.
      t.bot = await startTestBot(fake, t.dir.path, { retry: { attempts: 1, baseDelayMs: 0, maxRetryAfterMs: 0 } });
      const official = fake.user(ADMIN_ID, 'Cán bộ');
      fake.inject({ method: 'sendMessage', chatId: ADMIN_ID, ...fault.telegram, after: 1 });
      const before = mark(official);
      official.send(`/thongbao ${ANNOUNCEMENT}`);
      await botSays(fake, official, /Bấm "Gửi" hoặc gõ \/xacnhan/u, before);
      const messages = official.botMessages().filter((m) => m.message_id > before);
      expect(messages).toHaveLength(2);
      expect(messages.map((m) => m.text).join('\n')).toContain(ANNOUNCEMENT);
      const calls = fake.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(ADMIN_ID));
      expect(calls.map((c) => c.errorCode ?? 200)).toEqual([200, fault.telegram.status, 200]);
      expect(calls[1]!.params.text).toBe(calls[2]!.params.text);
    });
  }
});

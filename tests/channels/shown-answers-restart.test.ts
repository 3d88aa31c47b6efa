import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db.ts';
import { findOpenAttempt, getAttemptItems } from '../../src/storage/repos/attempts.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';
import { exitOf, startMain } from '../helpers/processes.ts';
import { currentQuestion, mark, registerByTaps, tapAndExpect, telegramEnv, tempDir } from '../helpers/telegram.ts';
import { waitFor } from '../helpers/wait.ts';

describe('Telegram: an answer typed before a kill -9, for a question that went out only after the restart', () => {
  let fake: FakeTelegram;
  let dir: ReturnType<typeof tempDir>;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exitOf(child);
    }
    await fake.close();
    dir.remove();
  });

  it('should not count it: the question comes again with a note once it has been delivered', async () => {
    const env = telegramEnv(fake, dir.path, { LOG_LEVEL: 'info', ROLE: 'bot', BULLMQ_PREFIX: `test-tg-shown-${process.pid}`, POLLING_LEASE_MS: '2000', POLLING_HEARTBEAT_MS: '200' });
    const start = async () => {
      const seen = fake.calls.length;
      child = startMain(env);
      await fake.waitFor(() => fake.calls.slice(seen).some((c) => c.method === 'getUpdates'), { timeoutMs: 45_000, what: 'the bot to poll' });
      return child;
    };
    const first = await start();
    const user = fake.user(7201, 'Minh');
    await registerByTaps(fake, user, 'Xã Tân Tri', 'Lương Văn Minh');
    await tapAndExpect(fake, user, 'Bắt đầu thi', /^Câu 1\//u);
    for (const n of [2, 3]) await tapAndExpect(fake, user, currentQuestion(user)!.reply_markup!.inline_keyboard![0]![0]!.text, new RegExp(`^Câu ${n}/`, 'u'));
    const q3 = currentQuestion(user)!;

    // Câu 4's send hangs; meanwhile "C" is typed and stored; then the process is killed.
    fake.inject({ method: 'sendMessage', chatId: user.id, delayMs: 30_000, status: 500 });
    const seen = fake.calls.length;
    user.tapData(q3.message_id, q3.reply_markup!.inline_keyboard![0]![0]!.callback_data!);
    await fake.waitFor(() => fake.calls.slice(seen).some((c) => c.method === 'sendMessage'), { what: 'Câu 4 on its way' });
    user.send('C');
    const db = openDatabase(env.DATABASE_URL!);
    try {
      await waitFor('"C" stored', () => db.selectFrom('inbox').select('id').where('chat_key', '=', String(user.id)).where('status', '=', 'received').executeTakeFirst());
      first.kill('SIGKILL');
      await exitOf(first);
      fake.clearFaults();

      const after = mark(user);
      await start();
      // Câu 4 goes out once the dead sender's lease has run out; "C" came before it: a note, and Câu 4 again.
      const lines = await waitFor(
        'Câu 4, the note and Câu 4 again',
        () => {
          const texts = user.botMessages().filter((m) => m.message_id > after).map((m) => (m.text ?? '').split('\n')[0]);
          return texts.length >= 3 ? texts : undefined;
        },
        60_000,
      );
      expect(lines).toEqual(['Câu 4/10', 'Câu hỏi vừa được gửi tới bạn. Bạn hãy đọc kỹ câu hỏi dưới đây rồi trả lời nhé.', 'Câu 4/10']);
      const person = (await findParticipant(db, 'telegram', String(user.id)))!;
      const items = await getAttemptItems(db, (await findOpenAttempt(db, person.id))!.id);
      expect(items.map((i) => i.chosenShown).slice(0, 4)).toEqual([0, 0, 0, null]);
    } finally {
      await db.destroy();
    }
    child!.kill('SIGTERM');
    expect((await exitOf(child!)).code).toBe(0);
  }, 180_000);
});

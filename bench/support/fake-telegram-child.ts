/**
 * Child process of the reminders benchmark: the fake Telegram Bot API server with the flood limit raised to the
 * benchmark's rate, on its own core. Talks to the parent over IPC: "ready" with its URL, then "stats" on request.
 */
import { startFakeTelegram } from '../../tests/support/fake-telegram/index.ts';

const limit = Number(process.argv[2] ?? 1000);
const fake = await startFakeTelegram({ limits: { global: limit, perChat: 1, windowMs: 1000 } });
process.send!({ type: 'ready', url: fake.url, token: fake.token });
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'stats') {
    const sends = fake.sent.filter((s) => s.method === 'sendMessage');
    process.send!({
      type: 'stats',
      sent: sends.length,
      chats: new Set(sends.map((s) => s.chatId)).size,
      first: Math.min(...sends.map((s) => s.at)),
      last: Math.max(...sends.map((s) => s.at)),
      violations: fake.violations.global + fake.violations.perChat,
    });
  }
  if (msg.type === 'stop') void fake.close().then(() => process.exit(0));
});

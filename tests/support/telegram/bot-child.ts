/**
 * A second bot process for tests: the real app and Telegram bot on the database of DATABASE_URL, fed updates as JSON
 * lines on stdin (instead of polling, which one process does); prints "stored <update_id>" once each is stored and
 * "idle" after an "idle" line once everything in hand is processed and delivered.
 */
import { createInterface } from 'node:readline';
import pino from 'pino';
import { channelContext, createApp } from '../../../src/app.ts';
import { createTelegramBot } from '../../../src/channels/telegram/bot.ts';
import { loadEnv } from '../../../src/config/env.ts';

const env = loadEnv(process.env, '/nonexistent');
const app = await createApp(env, { log: pino({ level: 'silent' }) });
const ctx = channelContext(app);
const bot = createTelegramBot({ token: env.TELEGRAM_BOT_TOKEN!, apiRoot: env.TELEGRAM_API_ROOT, log: ctx.log, adminIds: new Set(), services: ctx.services, conversationFor: ctx.conversationFor, now: ctx.now });
bot.setBotInfo({ id: 1, is_bot: true, first_name: 'Bot', username: env.TELEGRAM_BOT_USERNAME ?? 'cds_test_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false });
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'idle') {
    await bot.inbox.idle();
    process.stdout.write('idle\n');
    continue;
  }
  const update = JSON.parse(line) as { update_id: number };
  await bot.receive(update);
  process.stdout.write(`stored ${update.update_id}\n`);
}
await bot.inbox.stop();
await app.close();

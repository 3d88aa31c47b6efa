import { createApp } from './app.ts';
import { runTerminalChat } from './channels/terminal/index.ts';
import { FileValidationError } from './config/yaml-file.ts';
import { EnvError, hasNoChannelToken, loadEnv } from './config/env.ts';
import type { ChatChannel } from './conversation/types.ts';
import { roleFrom, startReminders } from './reminders/runtime.ts';

const TOKEN_HINT = [
  '────────────────────────────────────────────────────────────',
  ' cds-quizbot — trò chuyện cục bộ / local chat',
  ' Chưa cấu hình token Telegram/Zalo nên bot chạy ngay trong terminal.',
  ' No Telegram/Zalo token configured: the bot runs here, in the terminal.',
  ' To connect Telegram: put TELEGRAM_BOT_TOKEN=<token from @BotFather> in .env',
  ' To connect Zalo:     put ZALO_BOT_TOKEN=<token> in .env (see README).',
  ' Gõ /admin để chuyển sang cán bộ quản lý; Ctrl-D hoặc Ctrl-C để thoát.',
  '────────────────────────────────────────────────────────────',
].join('\n');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const env = loadEnv();
  const role = roleFrom(args, env.ROLE);
  const chat = args.includes('--chat') || (hasNoChannelToken(env) && role !== 'worker');
  const app = await createApp(env, { chat });
  if (chat) {
    const banner = `${TOKEN_HINT}\n ${app.campaign.title}\n Cơ sở dữ liệu / database: ${app.databasePath}`;
    await runTerminalChat(app.conversation, { input: process.stdin, output: process.stdout, banner });
    await app.close();
    return;
  }
  // Channels that can push messages; the Telegram/Zalo wiring adds theirs (send-only in the worker role).
  const channels: ChatChannel[] = [];
  const reminders = startReminders(app, channels, { role });
  const stop = async () => {
    await reminders.close();
    await app.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  if (role !== 'worker') app.log.error('No chat channel is implemented yet for the configured tokens');
}

main().catch((err: unknown) => {
  if (err instanceof FileValidationError || err instanceof EnvError) {
    console.error(`\n✗ ${err.message}\n\nBot không khởi động được: hãy sửa các lỗi trên. / The bot did not start: fix the problems above.`);
  } else {
    console.error(err);
  }
  process.exit(1);
});

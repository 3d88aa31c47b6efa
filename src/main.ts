import { join } from 'node:path';
import { createApp, type App } from './app.ts';
import { runTerminalChat } from './channels/terminal/index.ts';
import type { ShownQuestion } from './contract/messages.ts';
import { FileValidationError } from './config/yaml-file.ts';
import { EnvError, hasNoChannelToken, loadEnv } from './config/env.ts';
import { roleFrom } from './config/role.ts';
import { createHttpServer } from './http/server.ts';
import { registerWeb } from './web/index.ts';
import { webContext } from './web/context.ts';
import { redactDatabaseUrl } from './storage/db.ts';
import { viOperator } from './messages/operator.ts';

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
  // Older Node fails later and obscurely (the SQLite add-on is built for 24): say so before anything else.
  if (Number(process.versions.node.split('.')[0]) < 24) throw new EnvError(viOperator.env.nodeTooOld(process.version));
  const args = process.argv.slice(2);
  const env = loadEnv();
  const role = roleFrom(args, env.ROLE);
  const chat = args.includes('--chat') || (hasNoChannelToken(env) && role !== 'worker');
  if (chat) {
    const app = await createApp(env, { chat });
    const web = await startLocalWeb(app);
    const banner = `${TOKEN_HINT}\n ${app.campaign.title}\n Cơ sở dữ liệu / database: ${redactDatabaseUrl(app.databasePath)}\n ${web.line}`;
    const shown = (q: ShownQuestion) => app.services.quiz.markShown(q.attemptId, q.position, app.now());
    // Files the local chat sends (/xuat, /khenthuong, /link) go to the data folder, next to the database.
    await runTerminalChat(app.conversation, { input: process.stdin, output: process.stdout, banner, filesDir: join(env.DATA_DIR, 'exports'), shown });
    await web.close();
    await app.close();
    return;
  }
  const { serve } = await import('./serve.ts'); // loaded only here: the local chat holds no Telegram, Zalo or queue code
  await serve(env, role);
}

/**
 * The public web pages next to the local chat, on HOST:PORT (HOST default 127.0.0.1). When the port is taken the chat
 * still runs; the banner says why there is no web.
 */
async function startLocalWeb(app: App): Promise<{ line: string; close: () => Promise<void> }> {
  const { env } = app;
  const http = createHttpServer({ port: env.PORT, host: env.HOST ?? '127.0.0.1', log: app.log, trustProxy: env.TRUST_PROXY });
  await registerWeb(http.fastify, webContext(app, { port: env.PORT }));
  try {
    const port = await http.listen();
    return { line: `Trang web / web pages: ${env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`}`, close: () => http.close() };
  } catch (err) {
    await http.close();
    return { line: `Không mở được trang web / web pages not started (PORT=${env.PORT}): ${(err as Error).message}`, close: async () => {} };
  }
}

main().catch((err: unknown) => {
  if (err instanceof FileValidationError || err instanceof EnvError) {
    console.error(`\n✗ ${err.message}\n\nBot không khởi động được: hãy sửa các lỗi trên. / The bot did not start: fix the problems above.`);
  } else {
    console.error(err);
  }
  process.exit(1);
});

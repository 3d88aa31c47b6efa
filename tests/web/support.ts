import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { chromium, type BrowserContext } from 'playwright-core';
import type { App } from '../../src/app.ts';
import { createHttpServer, type AppHttpServer } from '../../src/http/server.ts';
import { webContext } from '../../src/web/context.ts';
import { registerWeb } from '../../src/web/index.ts';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, tempDir, textUser } from '../helpers/app.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium.ts';

export const BOT_USERNAME = 'cds_bacson_bot';
export const ZALO_LINK = 'https://zalo.me/1234567890123456789';

/**
 * The real app and its web pages on an HTTP server of their own (127.0.0.1, a free port), as serve.ts wires them
 * (TRUST_PROXY from the environment).
 */
export async function startWebApp(opts: { now: () => number; dir: string; cacheTtlMs?: number; env?: Record<string, string>; log?: Logger }): Promise<{ app: App; http: AppHttpServer; url: string; close: () => Promise<void> }> {
  const app = await createTestApp({ now: opts.now, dir: opts.dir, env: { PUBLIC_BASE_URL: 'https://cds.example.vn', ZALO_BOT_LINK: ZALO_LINK, ...opts.env } });
  const http = createHttpServer({ port: 0, host: '127.0.0.1', log: opts.log ?? pino({ level: 'silent' }), trustProxy: app.env.TRUST_PROXY });
  const ctx = webContext(app, { joinAddresses: { telegramUsername: BOT_USERNAME }, port: 0 });
  await registerWeb(http.fastify, { ...ctx, links: { ...ctx.links, zalo: true }, cacheTtlMs: opts.cacheTtlMs ?? 0 });
  const port = await http.listen();
  return {
    app,
    http,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await http.close();
      await app.close();
    },
  };
}

/** A citizen who registers through the conversation, giving a phone number, and plays one whole attempt. */
export async function playOnce(app: App, user: { id: string; name: string; commune: number; phone: string; answer: string }): Promise<void> {
  const u = textUser(app, user.id);
  // Consent, commune (then "1. Đúng" to confirm it), no agency, name, phone, then the quiz.
  for (const text of ['/start', '1', String(user.commune), '1', '0', user.name, user.phone, '/thi']) await u.say(text);
  for (let q = 0; q < app.campaign.questionsPerAttempt; q++) await u.say(user.answer);
  await u.say('42');
}

/** Chromium (tests/helpers/chromium.ts: never a downloaded browser), headless, with a fresh profile removed on close. */
export async function openBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'cds-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A browser suite's set-up: before all, the real app and its pages (`seed` stores what the pages need before the
 * browser opens) and a Chromium; after all, both closed and the data folder removed. Read `web` and `browser` in tests.
 */
export function browserSuite(opts: { now: () => number; env?: Record<string, string>; seed?: (app: App) => Promise<void> }) {
  const dir = tempDir();
  const t = {} as { web: Awaited<ReturnType<typeof startWebApp>>; browser: Awaited<ReturnType<typeof openBrowser>> };
  beforeAll(async () => {
    t.web = await startWebApp({ now: opts.now, dir: dir.path, ...(opts.env ? { env: opts.env } : {}) });
    if (opts.seed) await opts.seed(t.web.app);
    t.browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await t.browser?.close();
    await t.web?.close();
    dir.remove();
  });
  return t;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { envSchema, type Env } from '../../src/config/env.ts';
import { seededRandom } from '../../src/core/random.ts';
import type { InboundEvent, Reply } from '../../src/contract/messages.ts';
import { OPTION_LETTERS } from '../../src/messages/vi.ts';
import { findOpenAttempt, getAttemptItems } from '../../src/storage/repos/attempts.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { testDatabaseUrl } from './db.ts';

/** A clock tests move by hand. */
export function testClock(start: string | number) {
  let now = typeof start === 'number' ? start : Date.parse(start);
  return {
    now: () => now,
    set: (at: string | number) => {
      now = typeof at === 'number' ? at : Date.parse(at);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export function tempDir(prefix = 'cds-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The identity-hash key of test apps (a real bot must set one with a channel token). */
export const TEST_IDENTITY_HASH_KEY = 'test-identity-hash-key-0123456789abcdef';
export const TEST_DOWNLOAD_SECRET = 'test-download-secret-0123456789abcdef';

/** Environment for a test app: its own database (SQLite file, or PostgreSQL under test:pg), the shipped bank and campaign, overrides on top. */
export function testEnv(dir: string, overrides: Record<string, string> = {}): Env {
  return envSchema.parse({ DATABASE_URL: testDatabaseUrl(dir), DATA_DIR: dir, DEMO: 'off', LOG_LEVEL: 'silent', IDENTITY_HASH_KEY: TEST_IDENTITY_HASH_KEY, ...overrides });
}

/** The real app on a fresh database, with an injected clock and a seeded draw. */
export async function createTestApp(opts: { now: () => number; dir: string; env?: Record<string, string>; seed?: number }): Promise<App> {
  return createApp(testEnv(opts.dir, opts.env), { now: opts.now, random: seededRandom(opts.seed ?? 42), log: pino({ level: 'silent' }) });
}

/**
 * A fresh test app for each test of the calling describe block, on a clock reset to `start`; `restart()` opens the
 * same database again (a new process), at the clock's time.
 */
export function appPerTest(start: string) {
  const clock = testClock(start);
  let dir: ReturnType<typeof tempDir>;
  let app: App | undefined;
  beforeEach(async () => {
    dir = tempDir();
    clock.set(start);
    app = await createTestApp({ now: clock.now, dir: dir.path });
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    dir.remove();
  });
  return {
    clock,
    get app(): App {
      return app!;
    },
    async restart(): Promise<App> {
      await app!.close();
      app = await createTestApp({ now: clock.now, dir: dir.path });
      return app;
    },
  };
}

/** A person typing to the conversation through a text-only channel (like Zalo or the terminal). */
export function textUser(app: App, userId: string, opts: { isAdmin?: boolean; channel?: string } = {}) {
  const event = (input: InboundEvent['input']): InboundEvent => ({
    channel: opts.channel ?? 'test',
    userId,
    chatId: userId,
    isAdmin: opts.isAdmin ?? false,
    capabilities: { buttons: false, maxLength: 4096, contactButton: false },
    inviteLink: (payload) => `/start ${payload}`,
    input,
  });
  const all = (reply: Reply) => [reply.notice ?? '', ...reply.messages.map((m) => m.text)].join('\n');
  /** The reply, its questions stamped as shown at the app's clock, as a channel does once they reach the person. */
  const handle = async (input: InboundEvent['input']) => {
    const reply = await app.conversation.handle(event(input));
    for (const m of reply.messages) if (m.shows) await app.services.quiz.markShown(m.shows.attemptId, m.shows.position, app.now());
    return reply;
  };
  return {
    say: async (text: string) => all(await handle({ kind: 'text', text })),
    tap: async (data: string) => handle({ kind: 'choice', data }),
    reply: (text: string) => handle({ kind: 'text', text }),
    /** Registers with commune number `commune` (1-based in the Vietnamese-sorted list) and no agency. */
    register: async (name: string, commune = 1, start = '/start') => {
      await handle({ kind: 'text', text: start });
      await handle({ kind: 'text', text: '1' });
      await handle({ kind: 'text', text: String(commune) });
      await handle({ kind: 'text', text: '1' }); // "Bạn chọn …? 1. Đúng"
      await handle({ kind: 'text', text: '0' });
      await handle({ kind: 'text', text: name });
      return all(await handle({ kind: 'text', text: '0' }));
    },
  };
}

/**
 * One attempt through the conversation (channel `test`): `correct` of the questions answered right, the rest wrong,
 * with `msPerAnswer` on the clock before each answer.
 */
export async function playAttempt(app: App, clock: { advance(ms: number): void }, userId: string, correct: number, msPerAnswer: number): Promise<void> {
  const user = textUser(app, userId);
  await user.say('/thi');
  const p = (await findParticipant(app.db, 'test', userId))!;
  const items = await getAttemptItems(app.db, (await findOpenAttempt(app.db, p.id))!.id);
  for (const [i, item] of items.entries()) {
    clock.advance(msPerAnswer);
    const shown = i < correct ? item.correctShown : (item.correctShown + 1) % item.shownOptions.length;
    await user.say(OPTION_LETTERS[shown]!);
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { checkSharedKeys, envSchema, EnvError, sharedKey } from '../../src/config/env.ts';
import { tempDir } from '../helpers/app.ts';
import { runTs } from '../helpers/run.ts';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

describe('DATA_DIR and shared keys', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('should put the default SQLite database under DATA_DIR', async () => {
    const dataDir = join(dir.path, 'var');
    const app = await createApp(envSchema.parse({ DATA_DIR: dataDir, DEMO: 'off', LOG_LEVEL: 'silent' }), { log: pino({ level: 'silent' }) });
    await app.close();
    expect(app.databasePath).toBe(join(dataDir, 'cds-quizbot.sqlite'));
    expect(existsSync(join(dataDir, 'cds-quizbot.sqlite'))).toBe(true);
  });

  it('should generate a download secret once under DATA_DIR and give the same one after a restart', () => {
    const env = envSchema.parse({ DATA_DIR: join(dir.path, 'keys-test') });
    const first = sharedKey(env, 'DOWNLOAD_SECRET');
    expect(first).toMatch(/^[0-9a-f]{64}$/u);
    expect(readFileSync(join(dir.path, 'keys-test', 'download-secret.key'), 'utf8')).toBe(`${first}\n`);
    expect(sharedKey(env, 'DOWNLOAD_SECRET')).toBe(first);
    expect(sharedKey(envSchema.parse({ DATA_DIR: dir.path, DOWNLOAD_SECRET: 'set-by-operator' }), 'DOWNLOAD_SECRET')).toBe('set-by-operator');
  });

  it('should require DOWNLOAD_SECRET and IDENTITY_HASH_KEY with PostgreSQL and name each missing one', () => {
    const identity = 'i'.repeat(32);
    expect(() => checkSharedKeys(envSchema.parse({ DATABASE_URL: PG_URL }))).toThrow(EnvError);
    expect(() => checkSharedKeys(envSchema.parse({ DATABASE_URL: PG_URL, IDENTITY_HASH_KEY: identity }))).toThrow(/DOWNLOAD_SECRET: bắt buộc khi DATABASE_URL là PostgreSQL/u);
    expect(() => checkSharedKeys(envSchema.parse({ DATABASE_URL: PG_URL, DOWNLOAD_SECRET: 'k' }))).toThrow(/IDENTITY_HASH_KEY: bắt buộc khi DATABASE_URL là PostgreSQL/u);
    expect(() => checkSharedKeys(envSchema.parse({ DATABASE_URL: PG_URL, DOWNLOAD_SECRET: 'k', IDENTITY_HASH_KEY: identity }))).not.toThrow();
    expect(() => checkSharedKeys(envSchema.parse({ DATABASE_URL: join(dir.path, 'x.sqlite') }))).not.toThrow();
  });

  it('should refuse to start a bot on PostgreSQL without DOWNLOAD_SECRET, saying which variable', async () => {
    const { code, stderr } = await runTs('src/main.ts', [], { env: { DATABASE_URL: PG_URL, TELEGRAM_BOT_TOKEN: '123:abc', DATA_DIR: dir.path } });
    expect(code).toBe(1);
    expect(stderr).toContain('DOWNLOAD_SECRET: bắt buộc khi DATABASE_URL là PostgreSQL');
    expect(stderr).toContain('Bot không khởi động được');
  });
});

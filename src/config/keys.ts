import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env, SHARED_KEYS } from './env.ts';

/**
 * A shared key's value: the environment's, else (SQLite: one server) the one generated on first use and kept in
 * DATA_DIR/keys/<name>, so a restart or a second process on the same server keeps signed links valid.
 * With PostgreSQL the start-up check (checkSharedKeys) has already required the environment's.
 */
export function sharedKey(env: Env, key: (typeof SHARED_KEYS)[number]): string {
  const configured = env[key];
  if (configured !== undefined) return configured;
  const dir = join(env.DATA_DIR, 'keys');
  const file = join(dir, key.toLowerCase().replaceAll('_', '-'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) {
    // Written aside, then linked into place: of two processes starting at once one wins, and nobody reads half a key.
    const draft = `${file}.${process.pid}`;
    writeFileSync(draft, randomBytes(32).toString('hex'), { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(draft, { force: true });
    }
  }
  return readFileSync(file, 'utf8').trim();
}

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { EnvError, IDENTITY_KEY_FILE, identityHashKey } from '../../src/config/env.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { createTestApp, tempDir, testClock, testEnv, textUser } from '../helpers/app.ts';

const NAME = 'Khuất Thị Zuyên Qoanh';
const PHONE = '0987654321';
/** Any piece of the name or phone left on disk is a leak (an update leaves the head of the old row in free space). */
const PIECES = ['Khuất', 'Zuyên', 'Qoanh', '09876', '54321'];

describe('personal data and its legal basis', () => {
  let dir: ReturnType<typeof tempDir>;
  let app: App | undefined;
  const clock = testClock('2023-07-05T10:00:00+07:00');

  beforeEach(() => {
    dir = tempDir();
    clock.set('2023-07-05T10:00:00+07:00');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    dir.remove();
  });

  it('should cite the campaign file\'s law, say what a deletion keeps and why, and store the consent version', async () => {
    app = await createTestApp({ now: clock.now, dir: dir.path });
    const u = textUser(app, 'lan');
    const welcome = await u.say('/start');
    expect(welcome).toContain('theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân');
    expect(welcome).toMatch(/để bảo đảm công bằng của cuộc thi, các lượt thi đã dùng vẫn được tính ẩn danh cho đơn vị/u);
    expect(welcome).toContain('được giữ đến ngày 29/10/2023'); // 90 days after the close
    await u.say('1');
    const row = (await findParticipant(app.db, 'test', 'lan'))!;
    expect([row.consent_version, row.consent_at]).toEqual(['nd13-2023-v4', clock.now()]);
    await u.register(NAME);
    expect(await u.say('/xoadulieu')).toContain('các lượt thi đã dùng vẫn được tính ẩn danh cho đơn vị');
  });

  it('should cite Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 when the campaign file names no law', async () => {
    const campaign = readFileSync('campaigns/bac-son-2023.yaml', 'utf8').replace(/^privacy:\n(?: .*\n)+/mu, '');
    expect(campaign).not.toContain('privacy:');
    const file = join(dir.path, 'campaign.yaml');
    writeFileSync(file, campaign);
    app = await createTestApp({ now: clock.now, dir: dir.path, env: { CAMPAIGN_FILE: file } });
    const u = textUser(app, 'minh');
    const welcome = await u.say('/start');
    expect(welcome).toContain('theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15');
    expect(welcome).not.toContain('Nghị định 13');
    await u.say('1');
    expect((await findParticipant(app.db, 'test', 'minh'))!.consent_version).toBe('luat-91-2025-v3');
  });

  // SQLite in both suites: it reads the database files themselves (PostgreSQL's files are the server's).
  it('should leave the name and phone unreadable in the database and WAL files after a deletion', async () => {
    app = await createTestApp({ now: clock.now, dir: dir.path, env: { DATABASE_URL: join(dir.path, 'bytes.sqlite') } });
    const onDisk = () =>
      ['bytes.sqlite', 'bytes.sqlite-wal']
        .map((f) => join(dir.path, f))
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f));
    const found = () => PIECES.filter((text) => onDisk().some((bytes) => bytes.includes(Buffer.from(text, 'utf8'))));
    expect(found()).toEqual([]);
    const u = textUser(app, 'trang');
    await u.say('/start');
    await u.say('1');
    await u.say('1');
    await u.say('1'); // yes, that commune
    await u.say('0');
    await u.say(NAME);
    expect(await u.say(PHONE)).toContain('Đăng ký thành công');
    // Rows after it on the same page: the erased row is in the middle of the page, not at its free end.
    for (const n of ['b', 'c', 'd']) await textUser(app, n).register(`Người Thứ ${n.toUpperCase()}a`);
    expect(found()).toEqual(PIECES);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(app.db); // as SQLite's automatic checkpoints do: the row is in the main file
    await u.say('/xoadulieu');
    expect(await u.say('1')).toContain('Đã xóa dữ liệu cá nhân');
    expect(found()).toEqual([]);
  });

  it('should refuse to start with a channel token and no IDENTITY_HASH_KEY, naming the variable', async () => {
    const env = testEnv(dir.path, { TELEGRAM_BOT_TOKEN: '123:abc', IDENTITY_HASH_KEY: '' });
    expect(() => identityHashKey(env, dir.path)).toThrow(EnvError);
    await expect(createTestApp({ now: clock.now, dir: dir.path, env: { ZALO_BOT_TOKEN: 'z', IDENTITY_HASH_KEY: '' } })).rejects.toThrow(/IDENTITY_HASH_KEY: .*required when a channel token is set/u);
    expect(() => testEnv(dir.path, { IDENTITY_HASH_KEY: 'short' })).toThrow(/IDENTITY_HASH_KEY/u);
  });

  it('should generate the key once into the data folder, readable by its owner only, without a channel token', async () => {
    const env = testEnv(dir.path, { IDENTITY_HASH_KEY: '' });
    const key = identityHashKey(env, join(dir.path, 'data'));
    const file = join(dir.path, 'data', IDENTITY_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(identityHashKey(env, join(dir.path, 'data')).equals(key)).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollingLeaseSettings } from '../../src/channels/polling-lease.ts';
import { pollingLeaseKey } from '../../src/services/index.ts';
import { createPollingLeasesService, type PollingLeasesService } from '../../src/services/polling-leases.ts';
import { migrateToLatest, openDatabase, type DB } from '../../src/storage/db.ts';
import { tempDir, testClock } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const TTL = 15_000;

describe('polling lease rules', () => {
  const clock = testClock('2026-12-05T10:00:00+07:00');
  let dir: ReturnType<typeof tempDir>;
  let db: DB;
  let leases: PollingLeasesService;
  const key = pollingLeaseKey('telegram', '123456789:SECRET-token');
  beforeEach(async () => {
    dir = tempDir();
    clock.set('2026-12-05T10:00:00+07:00');
    db = openDatabase(testDatabaseUrl(dir.path, 'leases.sqlite'));
    const { error } = await migrateToLatest(db);
    if (error) throw error;
    leases = createPollingLeasesService({ db, now: clock.now });
  });
  afterEach(async () => {
    await db.destroy();
    dir.remove();
  });

  it('should give a free lease to the first process and refuse it to another while it is valid', async () => {
    expect(await leases.claim(key, 'a', TTL)).toBe(true);
    expect(await leases.claim(key, 'b', TTL)).toBe(false);
    clock.advance(TTL - 1);
    expect(await leases.claim(key, 'b', TTL)).toBe(false);
    expect(await leases.current(key)).toEqual({ holder: 'a', expiresAt: clock.now() + 1 });
  });

  it('should let the holder renew it, so that it never expires while renewed', async () => {
    expect(await leases.claim(key, 'a', TTL)).toBe(true);
    for (let i = 0; i < 5; i += 1) {
      clock.advance(5_000);
      expect(await leases.claim(key, 'a', TTL)).toBe(true);
      expect(await leases.claim(key, 'b', TTL)).toBe(false);
    }
    expect((await leases.current(key))?.expiresAt).toBe(clock.now() + TTL);
  });

  it('should let another process take it over once it has expired, and then refuse the old holder', async () => {
    expect(await leases.claim(key, 'a', TTL)).toBe(true);
    clock.advance(TTL);
    expect(await leases.claim(key, 'b', TTL)).toBe(true);
    expect(await leases.claim(key, 'a', TTL)).toBe(false);
    expect((await leases.current(key))?.holder).toBe('b');
  });

  it('should free it when the holder releases it, and not when another process tries to', async () => {
    expect(await leases.claim(key, 'a', TTL)).toBe(true);
    expect(await leases.release(key, 'b')).toBe(false);
    expect(await leases.claim(key, 'b', TTL)).toBe(false);
    expect(await leases.release(key, 'a')).toBe(true);
    expect(await leases.claim(key, 'b', TTL)).toBe(true);
  });

  it('should grant one lease per key to exactly one of many processes claiming it at once', async () => {
    const holders = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const granted = await Promise.all(holders.map((h) => leases.claim(key, h, TTL)));
    expect(granted.filter(Boolean)).toHaveLength(1);
    clock.advance(TTL);
    const again = await Promise.all(holders.map((h) => leases.claim(key, h, TTL)));
    expect(again.filter(Boolean)).toHaveLength(1);
    // Another token (or channel) is another lease.
    expect(await leases.claim(pollingLeaseKey('zalo', '123456789:SECRET-token'), 'p0', TTL)).toBe(true);
  });

  it('should key leases by a hash of the token, never the token itself', async () => {
    await leases.claim(key, 'a', TTL);
    const rows = await db.selectFrom('polling_leases').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('SECRET');
    expect(key).toMatch(/^telegram:[0-9a-f]{32}$/u);
  });

  it('should refuse a heartbeat that could miss its own lease', () => {
    expect(pollingLeaseSettings({ POLLING_LEASE_MS: 15_000, POLLING_HEARTBEAT_MS: 5_000 })).toEqual({ ttlMs: 15_000, heartbeatMs: 5_000 });
    expect(() => pollingLeaseSettings({ POLLING_LEASE_MS: 6_000, POLLING_HEARTBEAT_MS: 5_000 })).toThrow(/POLLING_HEARTBEAT_MS/u);
  });
});

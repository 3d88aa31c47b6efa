import { describe, expect, it } from 'vitest';
import { webContext } from '../../src/web/context.ts';
import { pageDataCache } from '../../src/web/figures.ts';
import { createTestApp, testClock, tempDir, textUser } from '../helpers/app.ts';

describe('the public figures cache', () => {
  it('should serve figures up to the TTL, then stale ones once while refreshing, then the fresh ones', async () => {
    const dir = tempDir();
    const app = await createTestApp({ now: testClock('2023-07-05T09:00:00+07:00').now, dir: dir.path });
    try {
      let wall = 1_000_000;
      const get = pageDataCache({ ...webContext(app, { port: 0 }), cacheTtlMs: 15_000 }, () => wall);
      expect((await get()).figures.totals.registered).toBe(0);
      await textUser(app, 'a').register('Hoàng Văn Minh');
      wall += 10_000;
      expect((await get()).figures.totals.registered).toBe(0); // fresh enough
      wall += 10_000;
      expect((await get()).figures.totals.registered).toBe(0); // stale: served while one refresh runs
      wall += 40_000;
      expect((await get()).figures.totals.registered).toBe(1);
    } finally {
      await app.close();
      dir.remove();
    }
  });
});

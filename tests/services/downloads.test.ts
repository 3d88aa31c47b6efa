import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { createTestApp, tempDir, testClock } from '../helpers/app.ts';
import { postgresTestDatabase } from '../helpers/db.ts';

const workbook = { filename: 'ket-qua.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: Buffer.from([0, 1, 2, 255]) };

// Two app processes on one PostgreSQL database (in both suites): what one keeps behind a link, the other serves.
describe('download files in the database', () => {
  let dir: ReturnType<typeof tempDir>;
  let apps: App[];
  const clock = testClock('2026-12-05T10:00:00+07:00');
  beforeEach(async () => {
    dir = tempDir();
    const env = { DATABASE_URL: postgresTestDatabase(`${dir.path}/downloads`) };
    apps = [await createTestApp({ now: clock.now, dir: dir.path, env }), await createTestApp({ now: clock.now, dir: dir.path, env })];
  });
  afterEach(async () => {
    for (const app of apps) await app.close();
    dir.remove();
  });

  it('should serve from one process the file another process kept, until it expires', async () => {
    const [a, b] = apps as [App, App];
    await a.services.downloads.keep('link-one', workbook, clock.now() + 60_000);
    expect(await b.services.downloads.find('link-one')).toEqual(workbook);
    clock.advance(61_000);
    expect(await b.services.downloads.find('link-one')).toBeUndefined();
  });

  it('should prune expired files when the next one is kept', async () => {
    const [a, b] = apps as [App, App];
    await a.services.downloads.keep('old', workbook, clock.now() + 1000);
    clock.advance(2000);
    await b.services.downloads.keep('new', workbook, clock.now() + 1000);
    const ids = await a.db.selectFrom('downloads').select('id').execute();
    expect(ids.map((r) => r.id)).toEqual(['new']);
  });
});

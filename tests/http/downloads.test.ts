import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDownloads } from '../../src/http/downloads.ts';
import { createHttpServer, type AppHttpServer } from '../../src/http/server.ts';
import type { App } from '../../src/app.ts';
import { viDownloads } from '../../src/messages/vi.ts';
import { createTestApp, tempDir, testClock } from '../helpers/app.ts';

const TTL = 60_000;

describe('signed download links', () => {
  let dir: ReturnType<typeof tempDir>;
  const clock = testClock('2026-03-01T08:00:00+07:00');
  let apps: App[];
  let servers: AppHttpServer[];
  let downloads: ReturnType<typeof createDownloads>;

  /** An app process with its HTTP server and download links, on the test's database. */
  async function appProcess(): Promise<{ http: AppHttpServer; downloads: ReturnType<typeof createDownloads> }> {
    const app = await createTestApp({ now: clock.now, dir: dir.path });
    const http = createHttpServer({ port: 0, log: pino({ level: 'silent' }) });
    const links = createDownloads({ store: app.services.downloads, secret: 'k', baseUrl: 'https://cds.example.vn/', ttlMs: TTL, now: clock.now });
    links.register(http.fastify);
    apps.push(app);
    servers.push(http);
    return { http, downloads: links };
  }

  beforeEach(async () => {
    dir = tempDir('cds-downloads-');
    clock.set('2026-03-01T08:00:00+07:00');
    apps = [];
    servers = [];
    ({ downloads } = await appProcess());
  });
  afterEach(async () => {
    for (const http of servers) await http.close();
    for (const app of apps) await app.close();
    dir.remove();
  });

  /** Publishes a workbook and returns its link's path and query. */
  const publish = () => {
    const link = downloads.publish({ filename: 'Kết quả.xlsx', content: Buffer.from('xlsx bytes'), mime: 'application/vnd.ms-excel' });
    expect(link).toMatch(/^https:\/\/cds\.example\.vn\/downloads\//u);
    return link.replace('https://cds.example.vn', '');
  };
  const get = (url: string, http = servers[0]!) => http.fastify.inject({ method: 'GET', url });

  it('should serve a published file under its name', async () => {
    const file = await get(publish());
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/vnd.ms-excel');
    expect(file.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Kết quả.xlsx')}`);
    expect(file.body).toBe('xlsx bytes');
  });

  it('should serve a file from another app process on the same database (any bot behind the proxy)', async () => {
    const other = await appProcess();
    const path = publish();
    // The first process published; let its write land, as it does before a person can tap the link.
    expect((await get(path)).statusCode).toBe(200);
    const file = await get(path, other.http);
    expect([file.statusCode, file.body]).toEqual([200, 'xlsx bytes']);
  });

  it('should refuse a forged signature with 403 in readable Vietnamese', async () => {
    const forged = await get(publish().replace(/sig=[^&]+/u, 'sig=forged'));
    expect([forged.statusCode, forged.headers['content-type'], forged.body]).toEqual([403, 'text/plain; charset=utf-8', viDownloads.invalidLink]);
  });

  it('should refuse a link whose exp or sig is given twice with 403, never a 500', async () => {
    const path = publish();
    const [exp, sig] = [/exp=([^&]+)/u.exec(path)![1], /sig=([^&]+)/u.exec(path)![1]];
    for (const twice of [`${path}&sig=${sig}`, `${path}&exp=${exp}`]) {
      const res = await get(twice);
      expect([res.statusCode, res.body], twice).toEqual([403, viDownloads.invalidLink]);
    }
  });

  it('should answer 410 in readable Vietnamese once the link has expired', async () => {
    const path = publish();
    clock.advance(TTL + 1);
    const expired = await get(path);
    expect([expired.statusCode, expired.headers['content-type'], expired.body]).toEqual([410, 'text/plain; charset=utf-8', viDownloads.expired]);
  });
});

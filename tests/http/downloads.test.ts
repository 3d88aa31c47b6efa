import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDownloads } from '../../src/http/downloads.ts';
import { createHttpServer, type AppHttpServer } from '../../src/http/server.ts';
import { viDownloads } from '../../src/messages/vi.ts';
import { tempDir } from '../helpers/app.ts';

const TTL = 60_000;

describe('signed download links', () => {
  let dir: ReturnType<typeof tempDir>;
  let http: AppHttpServer;
  let now: number;
  let downloads: ReturnType<typeof createDownloads>;

  beforeEach(() => {
    dir = tempDir('cds-downloads-');
    now = Date.parse('2026-03-01T08:00:00+07:00');
    http = createHttpServer({ port: 0, log: pino({ level: 'silent' }) });
    downloads = createDownloads({ dir: dir.path, secret: 'k', baseUrl: 'https://cds.example.vn/', ttlMs: TTL, now: () => now });
    downloads.register(http.fastify);
  });
  afterEach(async () => {
    await http.close();
    dir.remove();
  });

  /** Publishes a workbook and returns its link's path and query. */
  const publish = () => {
    const link = downloads.publish({ filename: 'Kết quả.xlsx', content: Buffer.from('xlsx bytes'), mime: 'application/vnd.ms-excel' });
    expect(link).toMatch(/^https:\/\/cds\.example\.vn\/downloads\//u);
    return link.replace('https://cds.example.vn', '');
  };
  const get = (url: string) => http.fastify.inject({ method: 'GET', url });

  it('should serve a published file under its name', async () => {
    const file = await get(publish());
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/vnd.ms-excel');
    expect(file.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Kết quả.xlsx')}`);
    expect(file.body).toBe('xlsx bytes');
  });

  it('should refuse a forged signature with 403 in readable Vietnamese', async () => {
    const forged = await get(publish().replace(/sig=[^&]+/u, 'sig=forged'));
    expect([forged.statusCode, forged.headers['content-type'], forged.body]).toEqual([403, 'text/plain; charset=utf-8', viDownloads.invalidLink]);
  });

  it('should answer 410 in readable Vietnamese once the link has expired', async () => {
    const path = publish();
    now += TTL + 1;
    const expired = await get(path);
    expect([expired.statusCode, expired.headers['content-type'], expired.body]).toEqual([410, 'text/plain; charset=utf-8', viDownloads.expired]);
  });
});

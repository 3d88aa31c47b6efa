import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Attachment } from '../contract/messages.ts';
import { viDownloads } from '../messages/vi.ts';
import { secretMatches } from './secret.ts';

export interface DownloadsOptions {
  /** Where published files wait for their download (under the data folder). */
  dir: string;
  /** HMAC key for the links. Several app processes behind one address need the same key. */
  secret: string;
  /** Public address of the app's HTTP server, e.g. https://cds.bacson.gov.vn */
  baseUrl: string;
  ttlMs: number;
  now: () => number;
}

const ID = /^[A-Za-z0-9_-]{16,40}$/u;

const refuse = (reply: FastifyReply, status: 403 | 410, text: string) => reply.code(status).type('text/plain; charset=utf-8').send(text);

/**
 * Short-lived, signed download links for files a channel cannot send itself (a /xuat workbook on Zalo):
 * `GET /downloads/<id>?exp=<ms>&sig=<hmac>`. A wrong signature gets 403, an expired link 410.
 */
export function createDownloads(options: DownloadsOptions) {
  mkdirSync(options.dir, { recursive: true });
  const sign = (id: string, exp: number) => createHmac('sha256', options.secret).update(`${id}.${exp}`).digest('base64url');

  function removeExpired(): void {
    for (const name of readdirSync(options.dir)) {
      const file = join(options.dir, name);
      if (statSync(file).mtimeMs < options.now() - options.ttlMs * 2) rmSync(file, { force: true });
    }
  }

  function publish(attachment: Attachment): string {
    removeExpired();
    const id = randomBytes(18).toString('base64url');
    writeFileSync(join(options.dir, `${id}.bin`), attachment.content);
    writeFileSync(join(options.dir, `${id}.json`), JSON.stringify({ filename: attachment.filename, mime: attachment.mime }));
    const exp = options.now() + options.ttlMs;
    return `${options.baseUrl.replace(/\/+$/u, '')}/downloads/${id}?exp=${exp}&sig=${sign(id, exp)}`;
  }

  /** `GET /downloads/:id?exp=&sig=` on the app's HTTP server. */
  function register(server: FastifyInstance): void {
    server.get<{ Params: { id: string }; Querystring: { exp?: string; sig?: string } }>('/downloads/:id', async (request, reply) => {
      const { id } = request.params;
      const exp = Number(request.query.exp);
      if (!ID.test(id) || !Number.isSafeInteger(exp) || !secretMatches(request.query.sig, sign(id, exp))) return refuse(reply, 403, viDownloads.invalidLink);
      if (options.now() > exp) return refuse(reply, 410, viDownloads.expired);
      try {
        const meta = JSON.parse(readFileSync(join(options.dir, `${id}.json`), 'utf8')) as { filename: string; mime: string };
        const content = readFileSync(join(options.dir, `${id}.bin`));
        return reply
          .type(meta.mime)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.filename)}`)
          .send(content);
      } catch {
        return refuse(reply, 410, viDownloads.expired);
      }
    });
  }

  return { publish, register };
}

export type Downloads = ReturnType<typeof createDownloads>;

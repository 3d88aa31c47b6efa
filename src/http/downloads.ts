import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Attachment } from '../contract/messages.ts';
import { viDownloads } from '../messages/vi.ts';
import type { DownloadsService } from '../services/downloads.ts';
import { secretMatches } from './secret.ts';

export interface DownloadsOptions {
  /** Where published files wait for their download: the database, shared by every app process. */
  store: DownloadsService;
  /** HMAC key for the links. Several app processes behind one address need the same key. */
  secret: string;
  /** Public address of the app's HTTP server, e.g. https://cds.bacson.gov.vn */
  baseUrl: string;
  ttlMs: number;
  now: () => number;
  /** A file that could not be stored (its link then answers 410). */
  onWriteError?: (err: unknown) => void;
}

const ID = /^[A-Za-z0-9_-]{16,40}$/u;

const refuse = (reply: FastifyReply, status: 403 | 410, text: string) => reply.code(status).type('text/plain; charset=utf-8').send(text);

/**
 * Short-lived, signed download links for files a channel cannot send itself (a /xuat workbook on Zalo):
 * `GET /downloads/<id>?exp=<ms>&sig=<hmac>`. A wrong signature gets 403, an expired link 410.
 */
export function createDownloads(options: DownloadsOptions) {
  // Links whose file is still being written; the route of this process waits for them.
  const writing = new Map<string, Promise<void>>();
  const sign = (id: string, exp: number) => createHmac('sha256', options.secret).update(`${id}.${exp}`).digest('base64url');

  /**
   * The link at once (channels render text synchronously); the file is written meanwhile. The write is one database
   * round trip, done long before a person opens a message that still has to travel through the chat platform.
   */
  function publish(attachment: Attachment): string {
    const id = randomBytes(18).toString('base64url');
    const exp = options.now() + options.ttlMs;
    const write = options.store.keep(id, attachment, exp).catch((err: unknown) => options.onWriteError?.(err));
    writing.set(id, write);
    // Not awaited: the link goes out at once; `write` never rejects (its failure went to onWriteError above).
    void write.finally(() => writing.delete(id));
    return `${options.baseUrl.replace(/\/+$/u, '')}/downloads/${id}?exp=${exp}&sig=${sign(id, exp)}`;
  }

  /** `GET /downloads/:id?exp=&sig=` on the app's HTTP server. */
  function register(server: FastifyInstance): void {
    server.get<{ Params: { id: string }; Querystring: { exp?: string; sig?: string } }>('/downloads/:id', async (request, reply) => {
      const { id } = request.params;
      const exp = Number(request.query.exp);
      if (!ID.test(id) || !Number.isSafeInteger(exp) || !secretMatches(request.query.sig, sign(id, exp))) return refuse(reply, 403, viDownloads.invalidLink);
      if (options.now() > exp) return refuse(reply, 410, viDownloads.expired);
      await writing.get(id);
      const file = await options.store.find(id);
      if (!file) return refuse(reply, 410, viDownloads.expired);
      return reply
        .type(file.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.content);
    });
  }

  return { publish, register };
}

export type Downloads = ReturnType<typeof createDownloads>;

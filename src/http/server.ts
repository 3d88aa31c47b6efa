import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

export interface HttpRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type RouteHandler = (req: HttpRequest) => Promise<HttpResponse> | HttpResponse;

export interface HttpServerOptions {
  port: number;
  /** Default 0.0.0.0 (a reverse proxy or Telegram reaches it); tests use 127.0.0.1. */
  host?: string;
  log: Logger;
  /** Requests with a larger body get 413 and are not processed. Default 1 MiB (a Telegram update is a few KiB). */
  maxBodyBytes?: number;
}

/** The app's single HTTP server: health, channel webhooks, signed download links — each a registered route. */
export interface AppHttpServer {
  /** `path` is exact ("/healthz") or a prefix ending in "/*" ("/downloads/*"). Later registrations of a path win. */
  route(method: 'GET' | 'POST', path: string, handler: RouteHandler): void;
  /** True once a route other than the health route is registered (a channel needs the server). */
  readonly needed: boolean;
  listen(): Promise<number>;
  /** The bound port (after listen). */
  readonly port: number | undefined;
  /** Stops accepting connections and waits for requests in hand to finish. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const json = (status: number, body: unknown): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export function createHttpServer(options: HttpServerOptions): AppHttpServer {
  const { log } = options;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const routes = new Map<string, RouteHandler>();
  routes.set('GET /healthz', () => json(200, { status: 'ok' }));

  const find = (method: string, path: string): RouteHandler | 'wrong_method' | undefined => {
    const exact = routes.get(`${method} ${path}`);
    if (exact) return exact;
    for (const [key, handler] of routes) {
      const [m, p] = key.split(' ') as [string, string];
      if (m === method && p.endsWith('/*') && path.startsWith(p.slice(0, -1))) return handler;
    }
    const otherMethod = [...routes.keys()].some((k) => k.split(' ')[1] === path);
    return otherMethod ? 'wrong_method' : undefined;
  };

  const respond = (res: ServerResponse, r: HttpResponse) => {
    if (res.headersSent) return;
    res.writeHead(r.status, r.headers);
    res.end(r.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const handler = find(method, url.pathname);
    if (handler === undefined) return respond(res, json(404, { error: 'not found' }));
    if (handler === 'wrong_method') return respond(res, json(405, { error: 'method not allowed' }));
    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      // Answer, then drop the connection instead of reading the rest of an oversized body.
      res.once('finish', () => req.destroy());
      respond(res, { ...json(413, { error: 'payload too large' }), headers: { 'content-type': 'application/json', connection: 'close' } });
      return;
    }
    respond(res, await handler({ method, url, headers: req.headers, body }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err, path: req.url?.split('?')[0] }, 'http request failed');
      respond(res, json(500, { error: 'internal error' }));
    });
  });

  return {
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    get needed() {
      return routes.size > 1;
    },
    async listen() {
      server.listen(options.port, options.host ?? '0.0.0.0');
      await once(server, 'listening');
      const port = (server.address() as AddressInfo).port;
      log.info({ port }, 'http server listening');
      return port;
    },
    get port() {
      const address = server.address();
      return address && typeof address === 'object' ? address.port : undefined;
    },
    async close() {
      if (!server.listening) return;
      const closed = once(server, 'close');
      server.close();
      server.closeIdleConnections();
      await closed;
    },
  };
}

import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { HealthStatus } from '../channels/health.ts';

export interface HttpServerOptions {
  port: number;
  /** Default 0.0.0.0 (a reverse proxy or Telegram reaches it); tests use 127.0.0.1. */
  host?: string;
  log: Logger;
  /** Requests with a larger body get 413 and are not processed. Default 1 MiB (a Telegram update is a few KiB). */
  maxBodyBytes?: number;
  /** Which proxies' X-Forwarded-* headers to believe (TRUST_PROXY): none, any, or these addresses/CIDRs. */
  trustProxy?: boolean | string[];
  /** What /healthz reports (default: always ok): a reason code, never an error's text (it may name hosts and ports). */
  health?: () => HealthStatus | Promise<HealthStatus>;
}

/** The app's single HTTP server: health, channel webhooks, signed download links — each a fastify route. */
export interface AppHttpServer {
  /** Register routes here before `listen` (fastify accepts none after). */
  readonly fastify: FastifyInstance;
  /** Resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting connections and waits for requests in hand to finish. */
  close(): Promise<void>;
}

/**
 * fastify logs every request at info; here those lines go to debug, so that info shows what the app says. A handler
 * that fails (5xx) is still logged as an error.
 */
class RequestLinesAtDebug extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ res: reply, err: error }, 'request errored');
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ err: error, path: request.routeOptions.url }, 'http request failed');
    else reply.log.debug({ res: reply, err: error }, error.message);
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'route not found');
  }
}

export function createHttpServer(options: HttpServerOptions): AppHttpServer {
  const fastify = Fastify({
    loggerInstance: options.log.child({ component: 'http' }) as FastifyBaseLogger,
    logController: new RequestLinesAtDebug(),
    bodyLimit: options.maxBodyBytes ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  });
  if (!options.trustProxy) warnOfUntrustedProxy(fastify);
  fastify.get('/healthz', async (_request, reply) => {
    const health = (await options.health?.()) ?? { ok: true };
    if (health.ok) return { status: 'ok' };
    return reply.code(503).send({ status: 'failing', reason: health.reason, since: new Date(health.since).toISOString() });
  });

  return {
    fastify,
    async listen() {
      await fastify.listen({ port: options.port, host: options.host ?? '0.0.0.0' });
      const address = fastify.server.address();
      if (!address || typeof address === 'string') throw new Error(`http server bound to ${address}`);
      return address.port;
    },
    close: () => fastify.close(),
  };
}

/**
 * Requests forwarded by a proxy the app does not trust (TRUST_PROXY off) all seem to come from the proxy: the sign-in
 * limit then counts every official as one address. Said once, at the first such request.
 */
function warnOfUntrustedProxy(fastify: FastifyInstance): void {
  let warned = false;
  fastify.addHook('onRequest', async (request) => {
    if (warned || request.headers['x-forwarded-for'] === undefined) return;
    warned = true;
    fastify.log.warn(
      { peer: request.socket.remoteAddress },
      'requests carry X-Forwarded-For but TRUST_PROXY is off: every client seems to come from the proxy (one sign-in limit for all); set TRUST_PROXY to the proxy address',
    );
  });
}

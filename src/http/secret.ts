import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestAsyncHookHandler } from 'fastify';
import type { Logger } from 'pino';

/** Compares secrets in constant time (hashing first makes the lengths equal, so the length leaks nothing either). */
export function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * A route's onRequest hook: a request whose `header` does not hold `secret` gets `status` before its body is read,
 * so nothing of it is processed.
 */
export function requireSecret(options: { header: string; secret: string; status: 401 | 403; log: Logger }): onRequestAsyncHookHandler {
  const error = options.status === 401 ? 'unauthorized' : 'forbidden';
  return async (request, reply) => {
    if (secretMatches(request.headers[options.header], options.secret)) return;
    options.log.warn({ path: request.url.split('?')[0] }, 'webhook request with a wrong secret token refused');
    return reply.code(options.status).send({ error });
  };
}

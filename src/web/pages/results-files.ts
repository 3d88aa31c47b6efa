import type { FastifyInstance, FastifyReply } from 'fastify';
import type { WebContext } from '../context.ts';

/** Where the results files are served: `/ket-qua/ket-qua-vong-1.json`. */
export const RESULTS_FILES_PATH = '/ket-qua';

/**
 * `GET /ket-qua/<file>`: a final round's results file, the exact bytes whose SHA-256 the home page prints (made once,
 * stored, never changed), as a download. Public and cacheable: it never changes.
 */
export function registerResultsFiles(web: FastifyInstance, ctx: WebContext, notFound: (reply: FastifyReply) => unknown): void {
  web.get<{ Params: { file: string } }>(`${RESULTS_FILES_PATH}/:file`, async (request, reply) => {
    const file = await ctx.services.resultsFiles.file(request.params.file);
    if (!file) return notFound(reply);
    return reply
      .header('cache-control', 'public, max-age=86400, immutable')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('x-content-sha256', file.sha256)
      .type('application/json; charset=utf-8')
      .send(file.content);
  });
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { chartFontFiles } from '../charts/index.ts';

/** A static file served under a URL that contains its content hash, so browsers may keep it for a year. */
interface Asset {
  url: string;
  body: Buffer;
  type: string;
}

export interface Assets {
  cssUrl: string;
  register(fastify: FastifyInstance): void;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

function fingerprinted(name: string, ext: string, body: Buffer, type: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { url: `/static/${name}.${hash}.${ext}`, body, type };
}

/**
 * The site's one CSS file and the font it uses (the charts' Be Vietnam Pro TTF, regular and bold). The CSS refers to
 * the fonts by their fingerprinted URLs, so its own hash changes when a font does.
 */
export function loadAssets(): Assets {
  const [regular, bold] = chartFontFiles.map((file) => readFileSync(file));
  const fonts = [fingerprinted('be-vietnam-pro-400', 'ttf', regular!, 'font/ttf'), fingerprinted('be-vietnam-pro-700', 'ttf', bold!, 'font/ttf')];
  const source = readFileSync(new URL('./site.css', import.meta.url), 'utf8');
  const css = source.replace('{{font-400}}', fonts[0]!.url).replace('{{font-700}}', fonts[1]!.url);
  const stylesheet = fingerprinted('site', 'css', Buffer.from(css), 'text/css; charset=utf-8');
  const all = [stylesheet, ...fonts];
  return {
    cssUrl: stylesheet.url,
    register(fastify) {
      for (const asset of all) {
        fastify.get(asset.url, async (_request, reply) => reply.header('cache-control', IMMUTABLE).type(asset.type).send(asset.body));
      }
    },
  };
}

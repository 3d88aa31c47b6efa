import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { TelegramError, type Telegram } from 'telegraf';

/** Calls one Bot API method; resolves with `result`, rejects with telegraf's TelegramError or a network error. */
export type CallApi = (method: string, payload: Record<string, unknown>, options: { signal: AbortSignal }) => Promise<unknown>;

function hasUpload(payload: Record<string, unknown>): boolean {
  return Object.values(payload).some((v) => typeof v === 'object' && v !== null && 'source' in v);
}

async function readJson(res: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The Bot API caller. JSON calls (nearly all: messages, edits, callback answers, getUpdates) go over a bounded
 * keep-alive pool with node:http — telegraf's node-fetch client costs about three times as much CPU per call, and a
 * tap makes three calls. Uploads (documents, photos) go through telegraf's own client, which builds the multipart body.
 * Errors are telegraf's TelegramError either way, so callers see one error type.
 */
export function createCallApi(telegram: Telegram): CallApi {
  const { token } = telegram;
  const { apiRoot } = telegram.options;
  const secure = apiRoot.startsWith('https:');
  const settings = { keepAlive: true, maxSockets: 64, maxFreeSockets: 64 };
  const agent = secure ? new HttpsAgent(settings) : new HttpAgent(settings);
  const request = secure ? httpsRequest : httpRequest;
  const base = apiRoot.endsWith('/') ? apiRoot : `${apiRoot}/`;
  const viaTelegraf = telegram.callApi.bind(telegram) as unknown as CallApi;
  return async (method, payload, options) => {
    if (hasUpload(payload)) return viaTelegraf(method, payload, options);
    const body = JSON.stringify(payload);
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(new URL(`./bot${token}/${method}`, base), {
        method: 'POST',
        agent,
        signal: options.signal,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.once('response', resolve);
      // The token is in the URL: never let it reach an error message.
      req.once('error', (err) => reject(Object.assign(err, { message: err.message.replaceAll(token, '[REDACTED]') })));
      req.end(body);
    });
    if ((res.statusCode ?? 0) >= 500) {
      res.resume();
      throw new TelegramError({ error_code: res.statusCode!, description: res.statusMessage ?? 'Server Error' }, { method, payload });
    }
    const data = (await readJson(res)) as { ok: boolean; result?: unknown; error_code: number; description: string; parameters?: object };
    if (!data.ok) throw new TelegramError(data, { method, payload });
    return data.result;
  };
}

import { z } from 'zod';

/** The Zalo Bot API answered with ok:false (bad token, quota, bad request). Branch on `code`. */
export class ZaloApiError extends Error {
  override name = 'ZaloApiError';
  constructor(
    readonly method: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`Zalo ${method} failed: ${code} ${description}`);
  }
}

/** The request did not get a usable answer (network, timeout, non-JSON body, HTTP 5xx). */
export class ZaloHttpError extends Error {
  override name = 'ZaloHttpError';
  constructor(
    readonly method: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(`Zalo ${method}: no usable answer${status ? ` (HTTP ${status})` : ''}`, options);
  }
}

const envelope = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error_code: z.coerce.number(), description: z.string().default('') }),
]);

const botInfo = z.object({ id: z.string(), account_name: z.string().optional(), display_name: z.string().optional() }).passthrough();
const sentMessage = z.object({ message_id: z.string().optional() }).passthrough();
const webhookInfo = z.object({ url: z.string().optional() }).passthrough();

export interface ZaloClientOptions {
  apiUrl: string;
  token: string;
  /** Per request, except getUpdates, which waits its long-poll timeout plus this. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * A small typed client of the Zalo Bot Platform API: `POST {apiUrl}/bot{token}/{method}` with a JSON body, replies
 * `{ok, result}` or `{ok:false, error_code, description}`. The token is in the URL only, never in errors or logs.
 */
export function createZaloClient(options: ZaloClientOptions) {
  const base = options.apiUrl.replace(/\/+$/u, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call<T>(method: string, body: Record<string, unknown>, schema: z.ZodType<T>, waitMs = timeoutMs, stop?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${base}/bot${options.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: stop ? AbortSignal.any([AbortSignal.timeout(waitMs), stop]) : AbortSignal.timeout(waitMs),
      });
    } catch (err) {
      throw new ZaloHttpError(method, null, { cause: err instanceof Error ? new Error(err.name) : undefined });
    }
    const parsed = envelope.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ZaloHttpError(method, response.status);
    if (!parsed.data.ok) throw new ZaloApiError(method, parsed.data.error_code, parsed.data.description);
    const result = schema.safeParse(parsed.data.result);
    if (!result.success) throw new ZaloHttpError(method, response.status, { cause: result.error });
    return result.data;
  }

  return {
    getMe: () => call('getMe', {}, botInfo),
    sendMessage: (chatId: string, text: string) => call('sendMessage', { chat_id: chatId, text }, sentMessage),
    sendChatAction: (chatId: string, action: 'typing' | 'upload_photo') => call('sendChatAction', { chat_id: chatId, action }, z.unknown()),
    sendPhoto: (chatId: string, photoUrl: string, caption?: string) =>
      call('sendPhoto', { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) }, sentMessage),
    setWebhook: (url: string, secretToken: string) => call('setWebhook', { url, secret_token: secretToken }, z.unknown()),
    deleteWebhook: () => call('deleteWebhook', {}, z.unknown()),
    getWebhookInfo: () => call('getWebhookInfo', {}, webhookInfo),
    /**
     * One update per call (not an array), as received: the caller checks its shape (a malformed one is rejected, not
     * a transport failure). Null when the long poll timed out (408). A server that never answers is cut after the
     * long-poll time plus the per-request timeout.
     */
    getUpdates: async (timeoutSeconds: number, stop?: AbortSignal): Promise<unknown> => {
      try {
        return await call('getUpdates', { timeout: String(timeoutSeconds) }, z.unknown(), timeoutSeconds * 1000 + timeoutMs, stop);
      } catch (err) {
        if (err instanceof ZaloApiError && err.code === 408) return null;
        throw err;
      }
    },
  };
}

export type ZaloClient = ReturnType<typeof createZaloClient>;

/** The token was refused (401): nothing will work until it is changed. */
export function isUnauthorized(err: unknown): boolean {
  return (err instanceof ZaloApiError && err.code === 401) || (err instanceof ZaloHttpError && err.status === 401);
}

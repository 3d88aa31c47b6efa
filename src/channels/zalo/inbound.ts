import { z } from 'zod';
import type { ChatKind, Inbound } from '../../contract/messages.ts';

/** One Zalo Bot Platform update. Ids are strings (hex): never parse them as numbers. */
export const zaloUpdateSchema = z.object({
  event_name: z.string(),
  message: z.object({
    message_id: z.string().min(1),
    from: z.object({ id: z.string().min(1), display_name: z.string().optional(), name: z.string().optional() }).passthrough(),
    chat: z.object({ id: z.string().min(1), chat_type: z.string().optional() }).passthrough(),
    date: z.number().optional(),
    text: z.string().optional(),
  }).passthrough(),
});

export type ZaloUpdate = z.infer<typeof zaloUpdateSchema>;

/** A webhook body: `{ok, result: update}` or a bare update. Undefined when it is neither. */
export function parseWebhookBody(body: unknown): ZaloUpdate | undefined {
  const wrapped = z.object({ result: zaloUpdateSchema }).safeParse(body);
  if (wrapped.success) return wrapped.data.result;
  return parseUpdate(body);
}

/** One update as getUpdates returns it; undefined when its shape is not an update's. */
export function parseUpdate(raw: unknown): ZaloUpdate | undefined {
  const parsed = zaloUpdateSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Whatever id a malformed update carries, for the log line that rejects it. */
export function rawUpdateId(raw: unknown): string | undefined {
  const id = (raw as { message?: { message_id?: unknown } } | null)?.message?.message_id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * The key that recognises a redelivery: Zalo's message_id is unique per sender and event kind, not across them, so
 * the claim is on sender + event_name + message_id.
 */
export function zaloEventKey(update: ZaloUpdate): string {
  return `${update.message.from.id}:${update.event_name}:${update.message.message_id}`;
}

/** Zalo's chat_type: "PRIVATE" is a one-to-one chat, anything else ("GROUP") a group; absent in older payloads: private. */
export const chatKindOf = (chatType: string | undefined): ChatKind => (chatType === undefined || chatType.toUpperCase() === 'PRIVATE' ? 'private' : 'group');

/** What the person did, for the conversation: text, or something the bot cannot read (image, sticker, other). */
export function inboundOf(update: ZaloUpdate): Inbound {
  if (update.event_name === 'message.text.received' && update.message.text !== undefined) return { kind: 'text', text: update.message.text };
  return { kind: 'unsupported' };
}

import { z } from 'zod';
import type { Inbound } from '../../contract/messages.ts';

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
  const bare = zaloUpdateSchema.safeParse(body);
  return bare.success ? bare.data : undefined;
}

/** What the person did, for the conversation: text, or something the bot cannot read (image, sticker, other). */
export function inboundOf(update: ZaloUpdate): Inbound {
  if (update.event_name === 'message.text.received' && update.message.text !== undefined) return { kind: 'text', text: update.message.text };
  return { kind: 'unsupported' };
}

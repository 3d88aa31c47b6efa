import { listChoicesAsText } from '../../contract/choices.ts';
import type { Attachment, Capabilities, OutMessage } from '../../contract/messages.ts';

/** Zalo Bot API: no tap buttons, 2,000 characters a message, photos by URL. */
export const ZALO_CAPABILITIES: Capabilities = { buttons: false, maxLength: 2000, contactButton: false };

/** Text of one outgoing message for Zalo: the text, numbered choices, download links for files. */
export function renderForZalo(message: OutMessage, publish?: (a: Attachment) => string): string {
  const parts = [message.text];
  if (message.choices?.length && message.listChoices !== false) parts.push(listChoicesAsText(message.choices));
  for (const file of [message.document, message.photo]) {
    if (!file) continue;
    parts.push(publish ? `${file.caption ? `${file.caption}\n` : ''}⬇️ ${file.filename}: ${publish(file)}` : `[${file.filename}]`);
  }
  return parts.filter(Boolean).join('\n\n');
}


import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { vi } from '../../messages/vi.ts';
import { listChoicesAsText } from '../../contract/choices.ts';
import type { Capabilities, InboundEvent, OutMessage, ShownQuestion } from '../../contract/messages.ts';
import type { Conversation } from '../../conversation/index.ts';

export const TERMINAL_CAPABILITIES: Capabilities = { buttons: false, maxLength: 100_000, contactButton: false };

/**
 * How one outgoing message reads in a terminal: its text, then choices as a numbered list, then its files — by the
 * full path they were saved to when `saved` gives one (the local chat's /xuat, /khenthuong, /link), else by name.
 */
export function renderForTerminal(message: OutMessage, saved: { document?: string; photo?: string } = {}): string {
  const parts = [message.text];
  if (message.choices?.length && message.listChoices !== false) parts.push(listChoicesAsText(message.choices));
  if (message.document) parts.push(saved.document ? vi.terminalSaved(saved.document) : vi.terminalFile(message.document.filename, message.document.content.length));
  if (message.photo) parts.push(saved.photo ? vi.terminalSaved(saved.photo) : vi.terminalPhoto(message.photo.filename));
  return parts.join('\n');
}

/** Writes a message's files into `dir` (made when missing); their absolute paths. A later file of the same name replaces it. */
export function saveAttachments(message: OutMessage, dir: string): { document?: string; photo?: string } {
  const out: { document?: string; photo?: string } = {};
  for (const kind of ['document', 'photo'] as const) {
    const file = message[kind];
    if (!file) continue;
    mkdirSync(dir, { recursive: true });
    // Only the name's last part: a file name never leads out of the folder.
    const path = resolve(join(dir, basename(file.filename)));
    writeFileSync(path, file.content);
    out[kind] = path;
  }
  return out;
}

export interface TerminalChatOptions {
  input: Readable;
  output: Writable;
  /** Shown once before the conversation (how to connect real channels). */
  banner?: string;
  userId?: string;
  /** Where files the bot sends (workbooks, documents, images) are saved; unset: only their names are printed. */
  filesDir?: string;
  /** Stamps a question as shown (the quiz service's markShown, at the app's clock): called once it is printed. */
  shown: (question: ShownQuestion) => Promise<void>;
}

/**
 * The local chat: the same conversation as Telegram and Zalo, one person typing in a terminal (or piping a script).
 * `/admin` switches between citizen and official. Ends on end of input (Ctrl-D) or Ctrl-C.
 */
export async function runTerminalChat(conversation: Conversation, options: TerminalChatOptions): Promise<void> {
  const { input, output } = options;
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  rl.on('SIGINT', () => rl.close());
  // Iterate from now on: lines piped in while /start is answered (a database over the network) are kept.
  const lines = rl[Symbol.asyncIterator]();
  const write = (text: string) => output.write(`${text}\n`);
  let isAdmin = false;
  const userId = options.userId ?? 'local-user';
  const send = async (text: string) => {
    const event: InboundEvent = {
      channel: 'terminal',
      userId,
      chatId: userId,
      isAdmin,
      capabilities: TERMINAL_CAPABILITIES,
      inviteLink: (payload) => `/start ${payload}`,
      input: { kind: 'text', text },
    };
    const reply = await conversation.handle(event);
    for (const m of reply.messages) {
      write(`\n${renderForTerminal(m, options.filesDir ? saveAttachments(m, options.filesDir) : {})}`);
      // Printed is shown: the next line typed answers it.
      if (m.shows) await options.shown(m.shows);
    }
    if (reply.notice) write(`\n(${reply.notice})`);
  };
  if (options.banner) write(options.banner);
  await send('/start');
  const prompt = () => interactive && rl.prompt();
  prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (!text) {
      prompt();
      continue;
    }
    if (!interactive) write(`\n> ${text}`);
    if (text === '/admin') {
      isAdmin = !isAdmin;
      write(`\n${isAdmin ? vi.terminalAdminOn : vi.terminalAdminOff}`);
      // The officials' help comes from the dialogue (worded with the campaign's labels): an unknown official command.
      if (isAdmin) await send('/admin');
    } else {
      await send(text);
    }
    prompt();
  }
  write(`\n${vi.terminalBye}`);
}

import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { SendError } from '../../../src/contract/channel.ts';
import type { Capabilities, OutMessage } from '../../../src/contract/messages.ts';
import type { ChatChannel } from '../../../src/contract/channel.ts';

/** One message as the fake platform saw it. `at` is wall-clock ms (for rates); `clock` the app's injected time. */
export interface SentRecord {
  chatId: string;
  text: string;
  at: number;
  clock?: number;
}

export interface FakeChannelOptions {
  name?: string;
  /** Platform limits the fake enforces like Telegram (30/s overall, 1/s per chat); a breach is a violation + 429. */
  perSecond?: number;
  perChatMs?: number;
  latencyMs?: number;
  /** Fault injection: return an error to throw for this send (n = 0-based attempt number for this chat). */
  fault?: (chatId: string, n: number) => SendError | undefined;
  /** Cross-process recording (a child worker appends JSON lines here). */
  sinkFile?: string;
  clock?: () => number;
}

/**
 * A ChatChannel that records what it delivers and behaves like a rate-limited platform. Not a Bot API server: the
 * reminders worker only sees ChatChannel, so this is the narrowest fake that exercises it.
 */
export class FakeChannel implements ChatChannel {
  readonly name: string;
  readonly capabilities: Capabilities = { buttons: true, maxLength: 4096, contactButton: false };
  readonly sent: SentRecord[] = [];
  readonly errors: { chatId: string; kind: string; at: number }[] = [];
  violations = 0;
  private attempts = new Map<string, number>();
  private window: number[] = [];
  private lastByChat = new Map<string, number>();

  constructor(public opts: FakeChannelOptions = {}) {
    this.name = opts.name ?? 'telegram';
  }

  async send(chatId: string, message: OutMessage): Promise<void> {
    if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
    const n = this.attempts.get(chatId) ?? 0;
    this.attempts.set(chatId, n + 1);
    const now = Date.now();
    const fault = this.opts.fault?.(chatId, n);
    if (fault) {
      this.errors.push({ chatId, kind: fault.kind, at: now });
      throw fault;
    }
    this.window = this.window.filter((t) => t > now - 1000);
    const last = this.lastByChat.get(chatId);
    const perSecond = this.opts.perSecond ?? 30;
    const perChat = this.opts.perChatMs ?? 1000;
    if (this.window.length >= perSecond || (last !== undefined && now - last < perChat)) {
      this.violations++;
      this.errors.push({ chatId, kind: 'rate_limited', at: now });
      throw new SendError('rate_limited', 'Too Many Requests: retry after 1', this.name, 1000);
    }
    this.window.push(now);
    this.lastByChat.set(chatId, now);
    const record: SentRecord = { chatId, text: message.text, at: now, ...(this.opts.clock ? { clock: this.opts.clock() } : {}) };
    this.sent.push(record);
    if (this.opts.sinkFile) appendFileSync(this.opts.sinkFile, `${JSON.stringify(record)}\n`);
  }

  attemptsFor(chatId: string): number {
    return this.attempts.get(chatId) ?? 0;
  }
}

export function readSink(file: string): SentRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SentRecord);
}

/** Breaches of an overall rate (sliding 1 s) and of a per-chat gap, counted over recorded sends. */
export function countViolations(sent: readonly SentRecord[], perSecond: number, perChatMs: number): number {
  const times = sent.map((s) => s.at).sort((a, b) => a - b);
  let violations = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    if (i - j + 1 > perSecond) violations++;
  }
  const byChat = new Map<string, number[]>();
  for (const s of sent) byChat.set(s.chatId, [...(byChat.get(s.chatId) ?? []), s.at]);
  for (const ts of byChat.values()) {
    ts.sort((a, b) => a - b);
    for (let i = 1; i < ts.length; i++) if (ts[i]! - ts[i - 1]! < perChatMs) violations++;
  }
  return violations;
}

/** chatId → number of messages received. */
export function countByChat(sent: readonly SentRecord[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of sent) m.set(s.chatId, (m.get(s.chatId) ?? 0) + 1);
  return m;
}

/** Telegram's documented broadcast limits: about 30 messages per second overall, one per second per chat. */
export interface RateLimits {
  /** Messages allowed overall within `windowMs`. */
  global: number;
  /** Messages allowed per chat within `windowMs`. */
  perChat: number;
  windowMs: number;
}

export const TELEGRAM_LIMITS: RateLimits = { global: 30, perChat: 1, windowMs: 1000 };

export interface RateViolations {
  global: number;
  perChat: number;
  /** Chats that saw at least one per-chat violation, with their counts. */
  byChat: Map<string, number>;
}

/**
 * Sliding-window counters over real time. A send is a violation when the window before it already holds the
 * allowed number of sends; violating sends are not counted as delivered (Telegram answers them with 429).
 */
export class RateMeter {
  private readonly all: number[] = [];
  private readonly chats = new Map<string, number[]>();
  readonly violations: RateViolations = { global: 0, perChat: 0, byChat: new Map() };

  constructor(readonly limits: RateLimits) {}

  /** Checks one send at `now`; returns which limit it breaks (and records it), or undefined and counts the send. */
  check(chatId: string, now: number): 'global' | 'perChat' | undefined {
    const since = now - this.limits.windowMs;
    prune(this.all, since);
    const chat = this.chats.get(chatId) ?? [];
    prune(chat, since);
    if (chat.length >= this.limits.perChat) {
      this.violations.perChat += 1;
      this.violations.byChat.set(chatId, (this.violations.byChat.get(chatId) ?? 0) + 1);
      return 'perChat';
    }
    if (this.all.length >= this.limits.global) {
      this.violations.global += 1;
      return 'global';
    }
    this.all.push(now);
    chat.push(now);
    this.chats.set(chatId, chat);
    return undefined;
  }

  /** Milliseconds until the next send to `chatId` would be allowed (what retry_after rounds up). */
  waitMs(chatId: string, now: number): number {
    const since = now - this.limits.windowMs;
    const chat = this.chats.get(chatId) ?? [];
    const firstChat = chat.find((t) => t > since);
    const firstAll = this.all.find((t) => t > since);
    const chatWait = chat.filter((t) => t > since).length >= this.limits.perChat && firstChat !== undefined ? firstChat + this.limits.windowMs - now : 0;
    const allWait = this.all.filter((t) => t > since).length >= this.limits.global && firstAll !== undefined ? firstAll + this.limits.windowMs - now : 0;
    return Math.max(chatWait, allWait, 0);
  }
}

function prune(times: number[], since: number): void {
  let drop = 0;
  while (drop < times.length && times[drop]! <= since) drop += 1;
  if (drop) times.splice(0, drop);
}

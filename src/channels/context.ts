import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { Conversation } from '../conversation/index.ts';
import type { Services } from '../services/index.ts';

/** What a chat channel is started with: its configuration, the services, where to hand events, a logger. Never the database. */
export interface ChannelContext {
  config: Env;
  services: Services;
  /** The dialogue over the given services (the inbox binds them to each update's transaction and received time). */
  conversationFor: (services: Services, now: () => number) => Conversation;
  log: Logger;
  /** The app's clock (Zalo's quota pause; tests inject one). */
  now: () => number;
}

/** The inbox's retention and staleness, from the configuration. */
export function inboxSettings(config: Env): { retentionMs: number; staleAfterMs: number } {
  return { retentionMs: config.INBOX_RETENTION_DAYS * 86_400_000, staleAfterMs: config.REPLY_STALE_MINUTES * 60_000 };
}

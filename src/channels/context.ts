import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { Health } from './health.ts';
import type { CommandMenu } from '../contract/commands.ts';
import type { Conversation } from '../conversation/index.ts';
import type { Services } from '../services/index.ts';

/** What a chat channel is started with: its configuration, the services, where to hand events, a logger. Never the database. */
export interface ChannelContext {
  config: Env;
  services: Services;
  /** The dialogue over the given services (the inbox binds them to each update's transaction and received time). */
  conversationFor: (services: Services, now: () => number) => Conversation;
  log: Logger;
  /** Storage incidents of this process, shared by the channels' inboxes and /healthz. */
  health: Health;
  /** The app's clock (Zalo's quota pause; tests inject one). */
  now: () => number;
  /** Command menus (Telegram setMyCommands): command → description, worded with the campaign's level labels. */
  menus: { citizen: CommandMenu; official: CommandMenu; unit: CommandMenu };
}

/** The inbox's retention and staleness, from the configuration. */
export function inboxSettings(config: Env): { retentionMs: number; staleAfterMs: number } {
  return { retentionMs: config.INBOX_RETENTION_DAYS * 86_400_000, staleAfterMs: config.REPLY_STALE_MINUTES * 60_000 };
}

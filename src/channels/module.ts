import type { Env } from '../config/env.ts';
import type { ChatChannel } from '../contract/channel.ts';
import type { JoinAddresses } from '../contract/messages.ts';
import type { ChannelRate } from '../core/types.ts';
import type { Downloads } from '../http/downloads.ts';
import type { AppHttpServer } from '../http/server.ts';
import type { ChannelContext } from './context.ts';

/**
 * One chat platform the bot is on, as the entries see it: everything `serve.ts`, `app.ts` and the configuration need
 * to know about it, so that none of them names a platform. Each channel folder's `index.ts` exports one; the registry
 * (`registry.ts`) lists them. Light on purpose: the platform's code is loaded by `start`/`sender` (the local chat and
 * the configuration files import the registry and never load a chat platform's client).
 */
export interface ChannelModule {
  /** The channel's name in stored accounts and participants ("telegram"): never change it once people registered. */
  readonly name: string;
  /** Settings: whether this process runs the channel (its token is set in the environment). */
  enabled(env: Env): boolean;
  /** District officials' account ids on this channel (its ADMIN_<NAME>_IDS). */
  officialIds(env: Env): readonly string[];
  /** Reminders' send rate when the campaign's `reminders.channels` names none for this channel. */
  readonly sendRate: ChannelRate;
  /** How people join on this channel, as far as the environment says before it starts (the bot's name, its address). */
  joinAddress(env: Env): JoinAddresses;
  /** Receives and answers (webhook route on the app's HTTP server, or polling). */
  start(ctx: ChannelContext, deps: ChannelStartDeps): Promise<RunningChannel>;
  /** Sends only (a reminders worker): no receiving, no webhook, no menus. */
  sender(ctx: ChannelContext): Promise<ChatChannel>;
}

export interface ChannelStartDeps {
  /** The app's HTTP server: a webhook route is registered on it (the caller listens). */
  http: AppHttpServer;
  /**
   * Signed download links on the app's HTTP server, for a channel that cannot send files: registered on the first
   * call. `fallbackBaseUrl`: the public address to use when PUBLIC_BASE_URL is not set (the channel's webhook origin).
   */
  downloads(fallbackBaseUrl?: string): Downloads;
  /** Every channel's join addresses known so far: the environment's, and what channels started before found out. */
  joinAddresses: JoinAddresses;
}

export interface RunningChannel {
  /** For reminders and announcements. */
  channel: ChatChannel;
  /** What starting found out about joining (Telegram: the bot's @username from getMe). */
  joinAddress: JoinAddresses;
  /** Stops receiving, finishes the updates in hand. Does not close the database (the app does). */
  stop(): Promise<void>;
}

import type { ChannelRate } from '../core/types.ts';
import type { ChannelModule } from './module.ts';
import { telegram } from './telegram/index.ts';
import { zalo } from './zalo/index.ts';

export type { ChannelModule, ChannelStartDeps, RunningChannel } from './module.ts';

/**
 * The chat channels with a sender, in start order (a channel started later learns the join addresses of those before
 * it: Zalo's /link document shows the Telegram bot's @username). A new channel is one line here and its own folder.
 */
export const CHAT_CHANNELS: readonly ChannelModule[] = [telegram, zalo];

/** Channels people use without a sender: the local chat in a terminal, and the quiz on the web pages. */
export const SENDERLESS_CHANNELS: readonly string[] = ['terminal', 'web'];

/** The chat channels' names: the ones whose replies go through the inbox, and that reminders reach. */
export const CHAT_CHANNEL_NAMES: readonly string[] = CHAT_CHANNELS.map((c) => c.name);

/** Every channel an account ("telegram:123") can be on. */
export const ALL_CHANNEL_NAMES: readonly string[] = [...CHAT_CHANNEL_NAMES, ...SENDERLESS_CHANNELS];

/** Reminders' default send rate per chat channel, for the campaign's reminder settings. */
export const SEND_RATES: Readonly<Record<string, ChannelRate>> = Object.fromEntries(CHAT_CHANNELS.map((c) => [c.name, c.sendRate]));

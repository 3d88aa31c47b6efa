import type { Env } from '../config/env.ts';
import type { Topic } from '../bank/questions.ts';
import type { JoinAddresses } from '../contract/messages.ts';
import type { Campaign, Unit } from '../core/types.ts';
import type { Services } from '../services/index.ts';

/** How people reach the bot from a page. */
export interface JoinLinks {
  /** The address people see (PUBLIC_BASE_URL), without a trailing slash. */
  baseUrl: string;
  /** The bot's @username (getMe, else TELEGRAM_BOT_USERNAME); no Telegram button without it. */
  telegramUsername?: string;
  /** The bot's Zalo address (ZALO_BOT_LINK), opened before typing the code. */
  zaloLink?: string;
  /** Whether the Zalo bot runs (a token is set): the code to type is shown then, with or without a link. */
  zalo: boolean;
}

/** What the web pages are given: presentation data and the services, never the database. */
export interface WebContext {
  campaign: Campaign;
  units: readonly Unit[];
  /** The documents studied (topics of the question bank). */
  topics: readonly Pick<Topic, 'name' | 'document'>[];
  services: Services;
  now: () => number;
  links: JoinLinks;
  /** The Telegram bot's token (TELEGRAM_BOT_TOKEN): verifies the Mini App's initData; no Mini App door without it. */
  telegramBotToken?: string;
  /** Winners named per closed round (default 3). */
  winnersPerRound?: number;
  /** How long public figures are served from memory (default 15 s, then up to 15 s more while they refresh). */
  cacheTtlMs?: number;
}

/** The app as the web pages see it: `channels` are the chat channels the environment turns on and their join addresses. */
export interface WebApp {
  env: Env;
  campaign: Campaign;
  units: readonly Unit[];
  bank: { topics: readonly Topic[] };
  services: Services;
  now: () => number;
  channels: { running: readonly string[]; joinAddresses: JoinAddresses };
}

/**
 * The web's view of the app, with the bot's addresses as known once the channels have started: `joinAddresses` is what
 * the started channels found out (Telegram's @username from getMe), over what the environment gives.
 */
export function webContext(app: WebApp, opts: { joinAddresses?: JoinAddresses; port: number }): WebContext {
  const { env } = app;
  const { telegramUsername: username, zaloLink } = { ...app.channels.joinAddresses, ...opts.joinAddresses };
  return {
    campaign: app.campaign,
    units: app.units,
    topics: app.bank.topics,
    services: app.services,
    now: app.now,
    ...(env.TELEGRAM_BOT_TOKEN ? { telegramBotToken: env.TELEGRAM_BOT_TOKEN } : {}),
    links: {
      baseUrl: (env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${opts.port}`).replace(/\/+$/u, ''),
      ...(username ? { telegramUsername: username } : {}),
      ...(zaloLink ? { zaloLink } : {}),
      zalo: app.channels.running.includes('zalo'),
    },
  };
}

import type { Logger } from 'pino';
import type { Random } from '../core/random.ts';
import type { Campaign, Question, Unit } from '../core/types.ts';
import type { DB } from '../storage/db.ts';

/** Starts a reminder run now (a BullMQ job). False when Redis did not answer in time: the next sweep starts it. */
export interface ReminderQueue {
  /** Channels the reminders worker sends through. */
  readonly channels: readonly string[];
  kick(campaignId: string, runId: string): Promise<boolean>;
}

/** What every service may use, passed explicitly when the services are built. */
export interface ServiceDeps {
  db: DB;
  campaign: Campaign;
  questions: readonly Question[];
  /** question id → stored version id of the current bank */
  versionIds: ReadonlyMap<string, number>;
  units: readonly Unit[];
  now: () => number;
  random: Random;
  log: Logger;
  /** Identity hashes of deleted people: the HMAC key, and how long after the contest closes they are kept. */
  identity: { key: Buffer; retentionMs: number };
  /** RESULTS_PSEUDONYM_KEY: the key of the results files' pseudonyms; absent, one is generated and kept in the database. */
  resultsKey?: Buffer;
  /**
   * The chat channels with a sender (from the channel registry, by app.ts): the ones whose replies go through the
   * inbox, that a pushed message can reach, and that reminders go through when no queue says otherwise.
   */
  chatChannels: readonly string[];
  /** District officials' accounts ("telegram:123", from ADMIN_*_IDS): organisers, never among a round's winners. */
  organisers?: readonly string[];
  /** Set while an inbox update's transaction is open: `task` runs with the database once that transaction committed. */
  afterCommit?: (task: (db: DB) => Promise<void>) => void;
  /**
   * Whether an account is a district official (ADMIN_TELEGRAM_IDS / ADMIN_ZALO_IDS; the local chat's user). Asked on
   * every dashboard request. Absent: nobody is.
   */
  isDistrictOfficial?: (channel: string, userId: string) => boolean;
  /** Absent in the local chat (no Redis there): confirmed runs then wait for a worker's sweep. */
  reminderQueue?: ReminderQueue;
}

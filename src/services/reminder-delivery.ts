import type { UnitResult } from '../core/ranking.ts';
import type { DB } from '../storage/db.ts';
import { unitResults } from '../storage/repos/leaderboards.ts';
import {
  audiencePage,
  claimDelivery,
  countAudienceByChannel,
  expireDeliveries,
  getDelivery,
  getRun,
  insertRun,
  listRuns,
  markParticipantUnreachable,
  queuePage,
  recipientNow,
  runsWithStatus,
  settleClaim,
  settleFrom,
  unsettledPage,
  updateRun,
} from '../storage/repos/reminders.ts';

export type { Audience, AudienceSpec, DeliveryKey, Recipient, RunRow } from '../storage/repos/reminders.ts';

type WithoutDb<F> = F extends (db: DB, ...args: infer A) => infer R ? (...args: A) => R : never;
const bind = <F extends (db: DB, ...args: never[]) => unknown>(db: DB, f: F) => ((...args: unknown[]) => (f as unknown as (...a: unknown[]) => unknown)(db, ...args)) as WithoutDb<F>;

/**
 * The reminder worker's data: runs, their audience pages, and one delivery row per person and run, claimed before a
 * send and settled after it (which is what makes a send happen at most once per slot).
 */
export function createReminderDelivery(db: DB) {
  return {
    getRun: bind(db, getRun),
    listRuns: bind(db, listRuns),
    runsWithStatus: bind(db, runsWithStatus),
    insertRun: bind(db, insertRun),
    updateRun: bind(db, updateRun),
    audiencePage: bind(db, audiencePage),
    countAudienceByChannel: bind(db, countAudienceByChannel),
    recipientNow: bind(db, recipientNow),
    queuePage: bind(db, queuePage),
    unsettledPage: bind(db, unsettledPage),
    expireDeliveries: bind(db, expireDeliveries),
    getDelivery: bind(db, getDelivery),
    claimDelivery: bind(db, claimDelivery),
    settleClaim: bind(db, settleClaim),
    settleFrom: bind(db, settleFrom),
    markParticipantUnreachable: bind(db, markParticipantUnreachable),
    /** The commune board, for the standing line of a reminder. */
    communeBoard: (): Promise<UnitResult[]> => unitResults(db, 'commune'),
  };
}

export type ReminderDelivery = ReturnType<typeof createReminderDelivery>;

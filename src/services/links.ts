import { createHmac } from 'node:crypto';
import { inTransaction } from '../storage/db.ts';
import { accountsOf, deleteAccount, findAccount, insertAccount, moveAccountsOf } from '../storage/repos/accounts.ts';
import { closeLinkCodesOf, countLinkTry, findLinkCode, insertLinkCode, listMerges, openLinkCodes, pruneLinkCodes, recordMerge, useLinkCode } from '../storage/repos/link-codes.ts';
import { attemptLoad, moveAttempts, recomputeResults, repointInvitations, retireParticipant } from '../storage/repos/merges.ts';
import { getParticipant, updateParticipant } from '../storage/repos/participants.ts';
import type { ServiceDeps } from './deps.ts';
import { codeFrom, CODE_LENGTH, hashCode, normaliseCode } from './one-time-codes.ts';

/** A /noi code is valid this long. */
export const LINK_CODE_VALID_MS = 24 * 3_600_000;
/** /noi tries per chat account and window (right or wrong), so that 32⁸ codes cannot be guessed. */
export const LINK_TRIES = 5;
export const LINK_TRY_WINDOW_MS = 3_600_000;
/** The channel of web-only people: no chat, no reminders. */
export const WEB_CHANNEL = 'web';

/** The chat account that sent /noi. */
export interface ChatAccount {
  channel: string;
  userId: string;
  chatId: string;
}

export type LinkResult =
  /** The chat account had no registered person: it is now the web person's. */
  | { kind: 'attached'; name: string }
  /** The chat account's person absorbed the web person: their attempts moved over. */
  | { kind: 'merged'; name: string; attemptsMoved: number }
  /** Both took part in a way one person could not have (a round over its attempts, two attempts open), or the web person has a chat already. */
  | { kind: 'refused'; reason: 'too_many_attempts' | 'two_open' | 'has_chat' }
  | { kind: 'invalid' | 'expired' | 'used' | 'limited' | 'not_web' };

export interface MergeRecord {
  kind: 'attach' | 'merge';
  fromId: number;
  toId: number;
  actor: string;
  attemptsMoved: number;
  at: number;
}

export interface LinksService {
  /**
   * The code a web-only person sends to the bot as /noi: the open one (shown again on every result page) or a new
   * one. Undefined for a person who has a chat account (nothing to link).
   */
  codeFor(personId: number): Promise<{ code: string; expiresAt: number } | undefined>;
  /** /noi <code> from a chat account: attach it to the code's web person, or merge the two people, or refuse. */
  redeem(code: string, by: ChatAccount): Promise<LinkResult>;
  /** Every attach and merge, oldest first. */
  merges(): Promise<MergeRecord[]>;
}

const isChat = (channel: string) => channel !== WEB_CHANNEL;
const tryWindow = (at: number) => at - (at % LINK_TRY_WINDOW_MS);

type DB = ServiceDeps['db'];
const actorOf = (by: ChatAccount) => `${by.channel}:${by.userId}`;
const hasChat = async (db: DB, personId: number) => (await accountsOf(db, personId)).some((a) => isChat(a.channel));

/** The chat account had no registered person: it becomes the web person's; its unfinished row is left inert. */
async function attach(db: DB, webId: number, by: ChatAccount, chatRow: number | undefined, at: number): Promise<void> {
  if (chatRow !== undefined) {
    await deleteAccount(db, by.channel, by.userId);
    await retireParticipant(db, chatRow, at);
  }
  await insertAccount(db, { channel: by.channel, accountId: by.userId, chatId: by.chatId, participantId: webId, at });
  await recordMerge(db, { kind: 'attach', fromId: chatRow ?? webId, toId: webId, actor: actorOf(by), attemptsMoved: 0, at });
}

/**
 * The chat person absorbs the web person: attempts and accounts move over, invitations are re-pointed, best results
 * and overall counters recomputed (the unit totals follow by their triggers), the web row is left inert, the merge
 * audited. The caller's transaction makes it one.
 */
async function merge(db: DB, webId: number, chatId: number, by: ChatAccount, at: number): Promise<number> {
  const moved = await moveAttempts(db, webId, chatId);
  await moveAccountsOf(db, webId, chatId);
  await repointInvitations(db, webId, chatId);
  const [web, chat] = [(await getParticipant(db, webId))!, (await getParticipant(db, chatId))!];
  // Who brought the web person in now counts the chat person, unless someone brought the chat person in already.
  if (chat.invited_by === null && web.invited_by !== null && web.invited_by !== chatId) await updateParticipant(db, chatId, { invited_by: web.invited_by });
  // The phone the web person gave (their way back in on a new browser) stays with them when the chat person gave none.
  if (chat.phone === null && web.phone !== null) await updateParticipant(db, chatId, { phone: web.phone, web_code_hash: web.web_code_hash });
  await retireParticipant(db, webId, at);
  await recomputeResults(db, chatId);
  await recordMerge(db, { kind: 'merge', fromId: webId, toId: chatId, actor: actorOf(by), attemptsMoved: moved, at });
  return moved;
}

export function createLinksService(deps: ServiceDeps): LinksService {
  const { db } = deps;
  /** The code of a row: a keyed hash of whose and when, so the page can show it again while only its hash is stored. */
  const derive = (participantId: number, createdAt: number) => codeFrom(createHmac('sha256', deps.identity.key).update(`noi\n${participantId}\n${createdAt}`).digest());

  return {
    async codeFor(personId) {
      const at = deps.now();
      if (await hasChat(db, personId)) return undefined;
      const open = (await openLinkCodes(db, personId, at))[0];
      if (open) return { code: derive(personId, Number(open.created_at)), expiresAt: Number(open.expires_at) };
      const code = derive(personId, at);
      await pruneLinkCodes(db, at, tryWindow(at));
      await insertLinkCode(db, { codeHash: hashCode(code), participantId: personId, at, expiresAt: at + LINK_CODE_VALID_MS });
      return { code, expiresAt: at + LINK_CODE_VALID_MS };
    },

    async redeem(code, by) {
      const at = deps.now();
      return inTransaction(db, async (tx): Promise<LinkResult> => {
        // Counted first, right or wrong: the counter commits with the answer.
        if ((await countLinkTry(tx, by.channel, by.userId, tryWindow(at))) > LINK_TRIES) return { kind: 'limited' };
        if (!isChat(by.channel)) return { kind: 'not_web' };
        const row = normaliseCode(code).length === CODE_LENGTH ? await findLinkCode(tx, hashCode(code)) : undefined;
        const web = row && (await getParticipant(tx, row.participant_id));
        if (!row || !web || web.deleted_at !== null || web.registered_at === null) return { kind: 'invalid' };
        if (row.used_at !== null) return { kind: 'used' };
        if (row.expires_at <= at) return { kind: 'expired' };
        if (await hasChat(tx, web.id)) return { kind: 'refused', reason: 'has_chat' };
        const account = await findAccount(tx, by.channel, by.userId);
        const chat = account && (await getParticipant(tx, account.participantId));
        // A person is someone who completed registration once (a returning deleted person mid-registration included).
        const chatIsPerson = chat !== undefined && chat.registered_at !== null;
        if (chatIsPerson) {
          const load = await attemptLoad(tx, [web.id, chat.id]);
          if (load.open > 1) return { kind: 'refused', reason: 'two_open' };
          if ([...load.perRound.values()].some((n) => n > deps.campaign.attemptsPerRound)) return { kind: 'refused', reason: 'too_many_attempts' };
        }
        if (!(await useLinkCode(tx, row.code_hash, actorOf(by), at))) return { kind: 'used' };
        await closeLinkCodesOf(tx, web.id, at);
        if (!chatIsPerson) {
          await attach(tx, web.id, by, chat?.id, at);
          return { kind: 'attached', name: web.full_name ?? '' };
        }
        const moved = await merge(tx, web.id, chat.id, by, at);
        return { kind: 'merged', name: chat.full_name ?? '', attemptsMoved: moved };
      });
    },

    merges: async () =>
      (await listMerges(db)).map((r) => ({ kind: r.kind, fromId: r.from_participant_id, toId: r.to_participant_id, actor: r.actor, attemptsMoved: r.attempts_moved, at: Number(r.at) })),
  };
}

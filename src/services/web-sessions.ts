import { createHash, randomBytes } from 'node:crypto';
import { inTransaction } from '../storage/db.ts';
import {
  countSignInAttempt,
  deleteSession,
  findSession,
  findSignInToken,
  insertSession,
  insertSignInToken,
  pruneWebSessions,
  spendSignInToken,
  type WebSessionKind,
} from '../storage/repos/web-sessions.ts';
import type { ServiceDeps } from './deps.ts';
import type { Account, OfficialsService, OfficialUnit } from './officials.ts';
import { personById, type ParticipantsService, type Person } from './participants.ts';

/** A sign-in link works this long. */
export const SIGN_IN_VALID_MS = 10 * 60_000;
/** A dashboard session lasts this long (a working day), then the official asks /web again. */
export const SESSION_VALID_MS = 8 * 3_600_000;
/** Failed sign-ins per address and window; the next failure is told to wait (a valid link still signs in). */
export const SIGN_IN_ATTEMPTS = { max: 10, windowMs: 10 * 60_000 };

/** Who is signed in, as found on this request: a district official sees everything, a unit official one unit. */
export type WebOfficial = (Account & { role: 'district' }) | (Account & { role: 'unit'; unit: OfficialUnit; name: string | null });

export type LinkState = 'valid' | 'used' | 'expired' | 'invalid';
export type SignInResult = { kind: 'signed_in'; sessionId: string; expiresAt: number } | { kind: 'used' | 'expired' | 'invalid' | 'not_official' };
export type QuizSignInResult = { kind: 'signed_in'; sessionId: string; expiresAt: number } | { kind: 'used' | 'expired' | 'invalid' };

/**
 * Sign-in to the officials' dashboard: `/web` makes a one-time token (10 minutes), the sign-in page's POST spends it
 * and opens a session (8 hours). Tokens and session ids are stored as hashes only; the role is looked up anew on
 * every request, so a revoked official is out at once.
 */
export interface WebSessionsService {
  /** A token for the link, or undefined when the account is no official. */
  createSignIn(account: Account): Promise<{ token: string; expiresAt: number } | undefined>;
  /** What the link's page says; never spends the token (a chat app's preview fetch may GET it). */
  linkState(token: string): Promise<LinkState>;
  signIn(token: string): Promise<SignInResult>;
  /**
   * Counts one failed sign-in of `ip` (a successful one is never counted); false once the window's failures are over
   * the limit. Behind a reverse proxy `ip` is the client's address only when the proxy is trusted (TRUST_PROXY).
   */
  countFailure(ip: string): Promise<boolean>;
  /** The session's official with their current role; undefined when the session is unknown, expired or the role gone. */
  officialOf(sessionId: string): Promise<WebOfficial | undefined>;
  signOut(sessionId: string): Promise<void>;

  /**
   * The web quiz's personal link (issue 22), offered by /thi: a one-time token for the person (10 minutes), spent by
   * the link page's POST, which opens a participant session lasting until the contest closes. The session is the
   * same person (channel and account) as in the chat: same attempts, same results; nothing new is created.
   */
  createQuizLink(person: Pick<Person, 'channel' | 'externalId'>): Promise<{ token: string; expiresAt: number }>;
  /**
   * The officials' fallback (issue 23): the same one-time link, issued from the dashboard by `by` ("telegram:123") for
   * a registered person (of `unitCode`, when given: a unit official's people only). The token row keeps `by`
   * (`issued_by`: the audit record); the session it opens carries it, and attempts made in that session are flagged
   * for review. 'unknown' when there is no such registered person, 'other_unit' when they are not of `unitCode`.
   */
  issueQuizLink(personId: number, by: string, unitCode?: string): Promise<{ kind: 'issued'; token: string; expiresAt: number; person: Person } | { kind: 'unknown' | 'other_unit' }>;
  /** What the quiz link's page says; never spends the token. */
  quizLinkState(token: string): Promise<LinkState>;
  quizSignIn(token: string): Promise<QuizSignInResult>;
  /**
   * A participant session opened by the Telegram Mini App (issue 22), whose initData the web page verified: no link
   * token, the same lifetime as the link's session. Only for a registered person (the caller found them).
   */
  openQuizSession(person: Pick<Person, 'channel' | 'externalId'>): Promise<{ sessionId: string; expiresAt: number }>;
  /** The session's participant; undefined when the session is unknown, expired, an official's, or the person gone or deleted. */
  participantOf(sessionId: string): Promise<Person | undefined>;
  /** The same, with the official whose fallback link opened the session (else null). */
  quizSessionOf(sessionId: string): Promise<{ person: Person; openedBy: string | null } | undefined>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/u;

export function createWebSessionsService(deps: ServiceDeps, officials: OfficialsService, participants: ParticipantsService): WebSessionsService {
  const { db } = deps;
  const windowStart = (at: number) => at - (at % SIGN_IN_ATTEMPTS.windowMs);

  async function roleOf(account: Account): Promise<WebOfficial | undefined> {
    if (deps.isDistrictOfficial?.(account.channel, account.userId)) return { ...account, role: 'district' };
    const unit = await officials.roleOf(account.channel, account.userId);
    return unit && { ...account, role: 'unit', unit: unit.unit, name: unit.name };
  }

  async function tokenState(token: string, kind: WebSessionKind): Promise<LinkState> {
    const row = TOKEN.test(token) ? await findSignInToken(db, sha256(token)) : undefined;
    if (!row || row.kind !== kind) return 'invalid';
    if (row.usedAt !== null) return 'used';
    return row.expiresAt <= deps.now() ? 'expired' : 'valid';
  }
  const linkState = (token: string) => tokenState(token, 'official');

  async function newToken(kind: WebSessionKind, account: Account, issuedBy?: string): Promise<{ token: string; expiresAt: number }> {
    const at = deps.now();
    await pruneWebSessions(db, at, windowStart(at));
    const token = randomBytes(32).toString('base64url');
    const expiresAt = at + SIGN_IN_VALID_MS;
    await insertSignInToken(db, { tokenHash: sha256(token), kind, channel: account.channel, accountId: account.userId, at, expiresAt, ...(issuedBy ? { issuedBy } : {}) });
    return { token, expiresAt };
  }

  /** Spends a valid token and opens a session until `sessionEnd(at)`; 'used' when another request spent it first. */
  function spend(hash: string, row: { kind: WebSessionKind; channel: string; accountId: string; issuedBy: string | null }, sessionEnd: (at: number) => number) {
    const at = deps.now();
    return inTransaction(db, async (tx): Promise<{ kind: 'signed_in'; sessionId: string; expiresAt: number } | { kind: 'used' }> => {
      if (!(await spendSignInToken(tx, hash, at))) return { kind: 'used' };
      const sessionId = randomBytes(32).toString('base64url');
      const expiresAt = sessionEnd(at);
      await insertSession(tx, { idHash: sha256(sessionId), kind: row.kind, channel: row.channel, accountId: row.accountId, at, expiresAt, openedBy: row.issuedBy });
      return { kind: 'signed_in', sessionId, expiresAt };
    });
  }

  async function quizSessionOf(sessionId: string): Promise<{ person: Person; openedBy: string | null } | undefined> {
    if (!TOKEN.test(sessionId)) return undefined;
    const session = await findSession(db, sha256(sessionId), deps.now(), 'participant');
    if (!session) return undefined;
    // A person who deleted their data since is out at once, as a revoked official is.
    const person = await participants.find(session.channel, session.accountId);
    if (person?.registered) return { person, openedBy: session.openedBy };
    await deleteSession(db, sha256(sessionId));
    return undefined;
  }

  return {
    async createSignIn(account) {
      if (!(await roleOf(account))) return undefined;
      return newToken('official', account);
    },

    linkState,

    async signIn(token) {
      const state = await linkState(token);
      if (state !== 'valid') return { kind: state };
      const hash = sha256(token);
      const row = (await findSignInToken(db, hash))!;
      // Asked before the transaction: the role lookup reads through its own connection.
      if (!(await roleOf({ channel: row.channel, userId: row.accountId }))) return { kind: 'not_official' };
      return spend(hash, row, (at) => at + SESSION_VALID_MS);
    },

    async countFailure(ip) {
      const at = deps.now();
      return (await countSignInAttempt(db, ip, windowStart(at))) <= SIGN_IN_ATTEMPTS.max;
    },

    async officialOf(sessionId) {
      if (!TOKEN.test(sessionId)) return undefined;
      const session = await findSession(db, sha256(sessionId), deps.now(), 'official');
      if (!session) return undefined;
      const official = await roleOf({ channel: session.channel, userId: session.accountId });
      if (!official) await deleteSession(db, sha256(sessionId));
      return official;
    },

    signOut: (sessionId) => deleteSession(db, sha256(sessionId)),

    createQuizLink: (person) => newToken('participant', { channel: person.channel, userId: person.externalId }),

    async issueQuizLink(personId, by, unitCode) {
      const person = await personById(deps, personId);
      if (!person?.registered) return { kind: 'unknown' };
      if (unitCode && person.communeCode !== unitCode && person.agencyCode !== unitCode) return { kind: 'other_unit' };
      const link = await newToken('participant', { channel: person.channel, userId: person.externalId }, by);
      deps.log.info({ personId, by, expiresAt: link.expiresAt }, 'fallback sign-in link issued by an official');
      return { kind: 'issued', ...link, person };
    },

    quizLinkState: (token) => tokenState(token, 'participant'),

    async quizSignIn(token) {
      const state = await tokenState(token, 'participant');
      if (state !== 'valid') return { kind: state };
      const hash = sha256(token);
      const row = (await findSignInToken(db, hash))!;
      // Until the contest closes; a link asked for after that still opens a session long enough to see the result.
      return spend(hash, row, (at) => Math.max(deps.campaign.closesAt, at + SESSION_VALID_MS));
    },

    async openQuizSession(person) {
      const at = deps.now();
      const sessionId = randomBytes(32).toString('base64url');
      const expiresAt = Math.max(deps.campaign.closesAt, at + SESSION_VALID_MS);
      await insertSession(db, { idHash: sha256(sessionId), kind: 'participant', channel: person.channel, accountId: person.externalId, at, expiresAt });
      return { sessionId, expiresAt };
    },

    participantOf: async (sessionId) => (await quizSessionOf(sessionId))?.person,
    quizSessionOf,
  };
}

import { createHmac, randomBytes } from 'node:crypto';
import { parseInvitePayload } from '../core/invites.ts';
import { stepColumns } from '../core/step.ts';
import { clientKey, codeFromBytes } from '../core/web-door.ts';
import { inTransaction } from '../storage/db.ts';
import { accountsOf } from '../storage/repos/accounts.ts';
import {
  completeRegistration,
  findByInviteCode,
  findByWebCode,
  findDeletedByPhoneHash,
  insertParticipant,
  recordInvitation,
  reviveByPhone,
} from '../storage/repos/participants.ts';
import { countSignInAttempt, pruneWebSessions } from '../storage/repos/web-sessions.ts';
import type { ServiceDeps } from './deps.ts';
import { personById, type Person } from './participants.ts';
import { phoneHash } from './privacy.ts';
import type { WebSessionsService } from './web-sessions.ts';

/** The channel of people who registered on the web (no chat account; the session is the account). */
export const WEB_CHANNEL = 'web';
/** Registrations per client address (IPv6: per /64) and fixed window; a commune meeting on one Wi-Fi fits. */
export const REGISTRATION_LIMIT = { max: 60, windowMs: 10 * 60_000 };
/** Re-entry attempts (phone + code) per address and per phone, and fixed window. */
export const RE_ENTRY_LIMIT = { perAddress: 30, perPhone: 10, windowMs: 10 * 60_000 };

/** What the web registration form gives, already read by the chat's rules (name, phone) and the unit lists. */
export interface WebRegistrationForm {
  communeCode: string;
  agencyCode: string | null;
  fullName: string;
  /** Normalised (0xxxxxxxxx), as the chat stores it. */
  phone: string;
  /** The link's invite payload: "u-<unit>" (a unit's door, counted for it) or "r-<code>" (a person's invite). */
  via?: string;
}

export type WebSignedIn = { person: Person; sessionId: string; expiresAt: number };

/**
 * The web quiz's open door (issue 23): registration without a chat account, getting back in on another browser with
 * the phone and a personal code, both rate-limited per address in the database (shared by every process).
 */
export interface WebDoorService {
  /**
   * Registers a web person and opens their session. The phone is a contact, not an identity: one used by others is
   * accepted as any other. A phone whose owner deleted their data gets that row back (attempts used stay used).
   * 'limited' when the address already made REGISTRATION_LIMIT.max registrations in the window (nothing stored).
   */
  register(form: WebRegistrationForm, ip: string): Promise<({ kind: 'registered' } & WebSignedIn) | { kind: 'limited' }>;
  /** Phone + code → a new session; 'wrong' for any mismatch (never which part), 'limited' past the limits. */
  reEnter(phone: string, code: string, ip: string): Promise<({ kind: 'signed_in' } & WebSignedIn) | { kind: 'wrong' | 'limited' }>;
  /** A web person's re-entry code (derived from their account, never stored in clear); undefined for chat people. */
  codeOf(person: Pick<Person, 'channel' | 'externalId'>): string | undefined;
}

export function createWebDoorService(deps: ServiceDeps, webSessions: WebSessionsService): WebDoorService {
  const { db } = deps;
  const key = deps.identity.key;
  const hmac = (purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}\n${value}`);
  const codeFor = (externalId: string) => codeFromBytes(hmac('web-code', externalId).digest());
  const codeHash = (code: string) => hmac('web-code-hash', code).digest('hex');
  const windowStart = (at: number, ms: number) => at - (at % ms);

  /** Raises a counter of the current window; true while it is within `max`. */
  async function within(counter: string, max: number, windowMs: number): Promise<boolean> {
    const at = deps.now();
    const start = windowStart(at, windowMs);
    await pruneWebSessions(db, at, start);
    return (await countSignInAttempt(db, counter, start)) <= max;
  }

  /** A session for the person, as their web account (`webAccount`: one that /noi moved to a chat person). */
  async function signIn(personId: number, webAccount?: string): Promise<WebSignedIn> {
    const person = (await personById(deps, personId))!;
    const account = webAccount ? { channel: WEB_CHANNEL, externalId: webAccount } : person;
    return { person, ...(await webSessions.openQuizSession(account)) };
  }

  /** The unit the link names (a commune or an agency), else undefined. */
  const unitOf = (via: string | undefined) => {
    const invite = parseInvitePayload(via);
    return invite?.kind === 'unit' ? deps.units.find((u) => u.code === invite.code && (u.kind === 'commune' || u.kind === 'agency')) : undefined;
  };

  return {
    async register(form, ip) {
      if (!(await within(`dang-ky|${clientKey(ip)}`, REGISTRATION_LIMIT.max, REGISTRATION_LIMIT.windowMs))) return { kind: 'limited' };
      const at = deps.now();
      const externalId = randomBytes(16).toString('base64url');
      const consent = { consent_at: at, consent_version: deps.campaign.privacy.consentVersion };
      const profile = { full_name: form.fullName, phone: form.phone, web_code_hash: codeHash(codeFor(externalId)), reminders_off: 0, ...stepColumns({ kind: 'ready' }) };
      const unit = unitOf(form.via);
      const communeCode = unit?.kind === 'commune' ? unit.code : form.communeCode;
      const agencyCode = unit?.kind === 'agency' ? unit.code : form.agencyCode;
      const id = await inTransaction(db, async (tx) => {
        // Deleted before with this phone: the row back, as the chat's account hash brings a returning account's.
        const byPhone = deps.now() < deps.campaign.closesAt + deps.identity.retentionMs ? phoneHash(key, form.phone) : undefined;
        const old = byPhone ? await findDeletedByPhoneHash(tx, byPhone) : undefined;
        if (old && byPhone) {
          const kept = old.finished_attempts > 0;
          const revived = await reviveByPhone(tx, old.id, byPhone, {
            channel: WEB_CHANNEL,
            external_id: externalId,
            chat_id: externalId,
            display_name: null,
            commune_code: kept ? old.commune_code : communeCode,
            agency_code: kept ? old.agency_code : agencyCode,
            ...consent,
            ...profile,
          });
          if (revived) {
            await completeRegistration(tx, old.id, at);
            return old.id;
          }
        }
        const invite = parseInvitePayload(form.via);
        const inviter = invite?.kind === 'person' ? await findByInviteCode(tx, invite.code) : undefined;
        const row = await insertParticipant(tx, {
          channel: WEB_CHANNEL,
          external_id: externalId,
          chat_id: externalId,
          display_name: null,
          commune_code: communeCode,
          agency_code: agencyCode,
          registered_at: null,
          invite_code: randomBytes(6).toString('base64url'),
          invited_by: inviter?.id ?? null,
          joined_via_unit: unit?.code ?? null,
          deleted_at: null,
          overall_finished_at: null,
          created_at: at,
          ...consent,
          ...profile,
        });
        if (unit || inviter) await recordInvitation(tx, { inviteeId: row.id, inviterId: inviter?.id ?? null, unitCode: unit?.code ?? null, at });
        await completeRegistration(tx, row.id, at);
        return row.id;
      });
      return { kind: 'registered', ...(await signIn(id)) };
    },

    async reEnter(phone, code, ip) {
      const address = await within(`vao-lai|${clientKey(ip)}`, RE_ENTRY_LIMIT.perAddress, RE_ENTRY_LIMIT.windowMs);
      const perPhone = await within(`vao-lai-sdt|${phoneHash(key, phone)}`, RE_ENTRY_LIMIT.perPhone, RE_ENTRY_LIMIT.windowMs);
      if (!address || !perPhone) return { kind: 'limited' };
      const row = await findByWebCode(db, phone, codeHash(code));
      // The stored hash is of the code derived from the web account, which may now belong to a chat person (/noi).
      const web = row ? (await accountsOf(db, row.id)).find((a) => a.channel === WEB_CHANNEL && codeFor(a.accountId) === code) : undefined;
      if (!row || !web) return { kind: 'wrong' };
      return { kind: 'signed_in', ...(await signIn(row.id, web.accountId)) };
    },

    codeOf: (person) => (person.channel === WEB_CHANNEL ? codeFor(person.externalId) : undefined),
  };
}

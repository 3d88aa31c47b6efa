import type { OfficialFileRow } from '../bank/officials.ts';
import type { Unit } from '../core/types.ts';
import { inTransaction, type DB } from '../storage/db.ts';
import {
  findCode,
  findOfficial,
  getOfficial,
  insertCode,
  linkCodeToOfficial,
  listAudit,
  markGrantorTold,
  listOfficials,
  openCodes,
  recordAudit,
  revokeGrant,
  takeUntoldUses,
  upsertGrant,
  useCode,
  type OfficialRow,
} from '../storage/repos/officials.ts';
import { recordReply } from '../storage/repos/inbox.ts';
import { findParticipant } from '../storage/repos/participants.ts';
import { codeFrom, CODE_LENGTH, hashCode, normaliseCode } from './one-time-codes.ts';
import { encodePushed } from './pushed.ts';
import type { ServiceDeps } from './deps.ts';

/** A one-time code is valid this long. */
export const CODE_VALID_MS = 24 * 3_600_000;

/** Who acts, as stored: "telegram:12345". */
export interface Account {
  channel: string;
  userId: string;
}
const actorOf = (a: Account) => `${a.channel}:${a.userId}`;

/** The units that have officials: communes and agencies (a parent level has none). */
export type OfficialUnit = Unit & { kind: 'commune' | 'agency' };
export const hasOfficials = (u: Unit): u is OfficialUnit => u.kind === 'commune' || u.kind === 'agency';

/** An active unit official. */
export interface UnitOfficial {
  id: number;
  channel: string;
  accountId: string;
  name: string | null;
  unit: OfficialUnit;
  source: 'file' | 'code';
  grantedAt: number;
}

/** A used code its grantor has not been told about yet. */
export interface CodeUse {
  unit: Unit;
  usedBy: string;
  usedAt: number;
  official?: UnitOfficial;
}

/** One change of who is a unit official, oldest first: what, whose account, which unit, how, by whom and when. */
export interface AuditEntry {
  id: number;
  action: 'grant' | 'revoke';
  officialId: number;
  channel: string;
  accountId: string;
  unitCode: string;
  /** The officials file, a one-time code, or a district official's command in chat. */
  via: 'file' | 'code' | 'chat';
  /** "telegram:12345", or "file". */
  actor: string;
  at: number;
}

export type CreateCodeResult = { kind: 'created'; code: string; unit: Unit; expiresAt: number } | { kind: 'unknown_unit' };
export type RedeemResult = { kind: 'granted'; official: UnitOfficial } | { kind: 'invalid' | 'expired' | 'used' | 'district' };
export type RevokeResult = { kind: 'revoked'; official: UnitOfficial } | { kind: 'unknown' };

/**
 * Unit officials: who they are (looked up on every command, so a revocation takes effect at once), granted by the
 * officials file or by a one-time code a district official hands out, revoked in chat; every change audited.
 */
export interface OfficialsService {
  /** The account's unit, when it is an active unit official. */
  roleOf(channel: string, userId: string): Promise<UnitOfficial | undefined>;
  /** Applies `units/officials.csv` at start. A row revoked in chat stays revoked until the row changes. */
  syncFile(rows: readonly OfficialFileRow[]): Promise<void>;
  createCode(unitCode: string, by: Account): Promise<CreateCodeResult>;
  /**
   * `district`: district officials have every unit already; the code is left unused. `tellGrantor` words the message
   * recorded for the grantor's chat in the same transaction (delivered by the grantor's channel, whichever it is);
   * a grantor on a channel without an inbox is told with their next officials' command instead (takeCodeUses).
   */
  redeem(code: string, by: Account & { displayName?: string; isDistrict: boolean }, tellGrantor?: (use: CodeUse) => string): Promise<RedeemResult>;
  list(): Promise<UnitOfficial[]>;
  openCodes(): Promise<{ unit: Unit; createdBy: string; expiresAt: number }[]>;
  revoke(id: number, by: Account): Promise<RevokeResult>;
  /** Uses of the codes `grantor` handed out not yet told to them; each is returned once. */
  takeCodeUses(grantor: Account): Promise<CodeUse[]>;
  audit(): Promise<AuditEntry[]>;
}

const newCode = () => codeFrom();

/**
 * Records a message for the grantor's private chat (chat id = account id there) in the outbox, due now: the inbox of
 * the grantor's channel delivers it with its next sweep. Marked told only when recorded.
 */
async function pushToGrantor(tx: DB, inboxChannels: readonly string[], grantor: string, codeHash: string, text: string, at: number): Promise<void> {
  const colon = grantor.indexOf(':');
  const channel = grantor.slice(0, colon);
  const accountId = grantor.slice(colon + 1);
  if (colon < 1 || !accountId || !inboxChannels.includes(channel)) return;
  await recordReply(tx, { inboxId: null, channel, chatKey: accountId, chatId: accountId, body: encodePushed([{ text }]), parts: 1, at, leaseUntil: at });
  await markGrantorTold(tx, codeHash, at);
}

export function createOfficialsService(deps: ServiceDeps): OfficialsService {
  const { db } = deps;
  const unitOf = (code: string) => deps.units.filter(hasOfficials).find((u) => u.code === code);
  const toOfficial = (r: OfficialRow): UnitOfficial | undefined => {
    const unit = unitOf(r.unit_code);
    if (!unit || r.revoked_at !== null) return undefined;
    return { id: r.id, channel: r.channel, accountId: r.account_id, name: r.name, unit, source: r.source, grantedAt: Number(r.granted_at) };
  };
  const audit = (tx: DB, action: 'grant' | 'revoke', r: OfficialRow, via: 'file' | 'code' | 'chat', actor: string, at: number) =>
    recordAudit(tx, { action, official_id: r.id, channel: r.channel, account_id: r.account_id, unit_code: r.unit_code, via, actor, at });

  return {
    async roleOf(channel, userId) {
      const row = await findOfficial(db, channel, userId);
      return row && toOfficial(row);
    },

    async syncFile(rows) {
      const at = deps.now();
      await inTransaction(db, async (tx) => {
        const existing = new Map((await listOfficials(tx, { activeOnly: false })).map((r) => [`${r.channel}:${r.account_id}`, r]));
        for (const f of rows) {
          const ex = existing.get(`${f.channel}:${f.accountId}`);
          existing.delete(`${f.channel}:${f.accountId}`);
          // Unchanged row: a revocation in chat (or a later grant by code) wins; only the file's own removal is undone.
          if (ex && ex.file_hash === f.hash && !(ex.revoked_at !== null && ex.revoked_by === 'file')) continue;
          const row = await upsertGrant(tx, { channel: f.channel, accountId: f.accountId, unitCode: f.unitCode, name: f.name || null, source: 'file', fileHash: f.hash, grantedBy: 'file', at });
          await audit(tx, 'grant', row, 'file', 'file', at);
        }
        // Rows the file granted and no longer lists.
        for (const ex of existing.values()) {
          if (ex.source !== 'file' || ex.revoked_at !== null) continue;
          const row = await revokeGrant(tx, ex.id, 'file', at);
          if (row) await audit(tx, 'revoke', row, 'file', 'file', at);
        }
      });
    },

    async createCode(unitCode, by) {
      const unit = deps.units.filter(hasOfficials).find((u) => u.code.toLowerCase() === unitCode.toLowerCase());
      if (!unit) return { kind: 'unknown_unit' };
      const at = deps.now();
      const code = newCode();
      await insertCode(db, { code_hash: hashCode(code), unit_code: unit.code, created_by: actorOf(by), created_at: at, expires_at: at + CODE_VALID_MS, used_at: null, used_by: null, official_id: null, grantor_told_at: null });
      return { kind: 'created', code, unit, expiresAt: at + CODE_VALID_MS };
    },

    async redeem(code, by, tellGrantor) {
      const hash = hashCode(code);
      const at = deps.now();
      return inTransaction(db, async (tx): Promise<RedeemResult> => {
        const row = normaliseCode(code).length === CODE_LENGTH ? await findCode(tx, hash) : undefined;
        if (!row || !unitOf(row.unit_code)) return { kind: 'invalid' };
        if (row.used_at !== null) return { kind: 'used' };
        if (row.expires_at <= at) return { kind: 'expired' };
        if (by.isDistrict) return { kind: 'district' };
        if (!(await useCode(tx, hash, actorOf(by), at))) return { kind: 'used' };
        const person = await findParticipant(tx, by.channel, by.userId);
        const name = person?.full_name ?? by.displayName ?? null;
        const granted = await upsertGrant(tx, { channel: by.channel, accountId: by.userId, unitCode: row.unit_code, name, source: 'code', grantedBy: row.created_by, at });
        await linkCodeToOfficial(tx, hash, granted.id);
        await audit(tx, 'grant', granted, 'code', actorOf(by), at);
        const official = toOfficial(granted)!;
        if (tellGrantor) await pushToGrantor(tx, deps.chatChannels, row.created_by, row.code_hash, tellGrantor({ unit: official.unit, usedBy: actorOf(by), usedAt: at, official }), at);
        return { kind: 'granted', official };
      });
    },

    list: async () => (await listOfficials(db, { activeOnly: true })).map(toOfficial).filter((o): o is UnitOfficial => o !== undefined),

    async openCodes() {
      const rows = await openCodes(db, deps.now());
      return rows.flatMap((r) => {
        const unit = unitOf(r.unit_code);
        return unit ? [{ unit, createdBy: r.created_by, expiresAt: Number(r.expires_at) }] : [];
      });
    },

    async revoke(id, by) {
      const at = deps.now();
      return inTransaction(db, async (tx): Promise<RevokeResult> => {
        const before = await getOfficial(tx, id);
        const official = before && toOfficial(before);
        const row = official ? await revokeGrant(tx, id, actorOf(by), at) : undefined;
        if (!row || !official) return { kind: 'unknown' };
        await audit(tx, 'revoke', row, 'chat', actorOf(by), at);
        return { kind: 'revoked', official };
      });
    },

    async takeCodeUses(grantor) {
      const rows = await takeUntoldUses(db, actorOf(grantor), deps.now());
      const out: CodeUse[] = [];
      for (const r of rows) {
        const unit = unitOf(r.unit_code);
        if (!unit) continue;
        const row = r.official_id === null ? undefined : await getOfficial(db, r.official_id);
        const official = row && toOfficial(row);
        out.push({ unit, usedBy: r.used_by ?? '', usedAt: Number(r.used_at), ...(official ? { official } : {}) });
      }
      return out;
    },

    audit: async () =>
      (await listAudit(db)).map((r) => ({ id: r.id, action: r.action, officialId: r.official_id, channel: r.channel, accountId: r.account_id, unitCode: r.unit_code, via: r.via, actor: r.actor, at: Number(r.at) })),
  };
}

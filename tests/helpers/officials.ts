import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { App } from '../../src/app.ts';
import { insertParticipant } from '../../src/storage/repos/participants.ts';
import { playAttempt } from '../support/reminders/harness.ts';

/** Thị trấn Bắc Sơn (6,814 inhabitants in the 2019 census). */
export const TOWN = { code: '06325', name: 'Thị trấn Bắc Sơn' };
/** Another commune, whose people a town official must never see. */
export const VU_LE = { code: '06373', name: 'Xã Vũ Lễ' };

/** Names and phones of the other commune's people: none may appear in anything a town official gets. */
export const OUTSIDERS = ['Đinh Văn Khác', 'Nông Thị Ngoài', '0987000222', '0987000333'];
export const CODE = /([A-Z2-9]{4}-[A-Z2-9]{4})/u;

export function expectNoOutsiders(text: string): void {
  for (const s of OUTSIDERS) expect(text).not.toContain(s);
}

let n = 0;
/** A registered person, who agreed to the campaign's current consent text unless `consentVersion` says otherwise. */
export async function person(app: App, name: string, unit: string, phone: string | null, consentVersion = app.campaign.privacy.consentVersion): Promise<number> {
  n += 1;
  const at = app.now();
  const row = await insertParticipant(app.db, {
    channel: 'telegram',
    external_id: `seed-${n}-${name}`,
    chat_id: `seed-${n}`,
    display_name: null,
    full_name: name,
    phone,
    commune_code: unit,
    agency_code: null,
    consent_at: at,
    consent_version: consentVersion,
    registered_at: at,
    step: 'ready',
    step_data: null,
    invite_code: `seed${String(n).padStart(8, '0')}`,
    invited_by: null,
    joined_via_unit: null,
    deleted_at: null,
    overall_finished_at: null,
    created_at: at,
  });
  return row.id;
}

/**
 * Two communes: the town (two finished — 10 and 7 points —, `waiting` more registered but not finished, the first
 * with a phone) and Vũ Lễ (one finished, one waiting; both with phones).
 */
export async function seedTwoCommunes(app: App, waiting = 1): Promise<void> {
  await playAttempt(app, await person(app, 'Hoàng Văn An', TOWN.code, '0912000100'), 10);
  await playAttempt(app, await person(app, 'Lý Thị Bình', TOWN.code, null), 7);
  await person(app, 'Hà Thị Chờ', TOWN.code, '0912000111');
  for (let i = 1; i < waiting; i++) await person(app, `Người Chờ ${String(i).padStart(2, '0')}`, TOWN.code, null);
  await playAttempt(app, await person(app, 'Đinh Văn Khác', VU_LE.code, '0987000333'), 9);
  await person(app, 'Nông Thị Ngoài', VU_LE.code, '0987000222');
}

/** Phòng Nội vụ, an agency whose code has letters: "nv" is its code in another case. */
export const NV = { code: 'NV', name: 'Phòng Nội vụ' };
/** Everyone of seedUnitsAndAgencies, names and phones, by commune. */
export const PEOPLE: Record<string, readonly string[]> = {
  [TOWN.code]: ['Hoàng Văn An', '0912000100', 'Hà Thị Chờ', '0912000111', 'Phan Văn Nội', '0933000444'],
  [VU_LE.code]: ['Đinh Văn Khác', '0987000333', 'Nông Thị Ngoài', '0987000222', 'Trần Thị Pháp', '0933000555'],
};
/** The members of NV: Phan Văn Nội, of the town. (Trần Thị Pháp is of Phòng Tư pháp, TP, and of Vũ Lễ.) */
export const NV_PEOPLE = ['Phan Văn Nội', '0933000444'];
/** Names and phones of everyone but `own`: none may appear in what an official of `own`'s unit gets. */
export const notOf = (own: readonly string[]) => Object.values(PEOPLE).flat().filter((s) => !own.includes(s));

/** seedTwoCommunes, and one finished member of an agency in each commune: Phan Văn Nội (NV), Trần Thị Pháp (TP). */
export async function seedUnitsAndAgencies(app: App): Promise<void> {
  await seedTwoCommunes(app, 1);
  for (const [name, commune, phone, agency, score] of [['Phan Văn Nội', TOWN.code, '0933000444', 'NV', 8], ['Trần Thị Pháp', VU_LE.code, '0933000555', 'TP', 6]] as const) {
    const id = await person(app, name, commune, phone);
    await app.db.updateTable('participants').set({ agency_code: agency }).where('id', '=', id).execute();
    await playAttempt(app, id, score);
  }
}

/** Makes the account an official of the unit, by a code the district official made and the account redeemed. */
export async function grantUnit(app: App, unitCode: string, account: { channel: string; userId: string }, districtId: string): Promise<void> {
  const code = await app.services.officials.createCode(unitCode, { channel: 'telegram', userId: districtId });
  if (code.kind !== 'created') throw new Error(code.kind);
  const granted = await app.services.officials.redeem(code.code, { ...account, isDistrict: false });
  if (granted.kind !== 'granted') throw new Error(granted.kind);
}

/** Every cell of every sheet, as text (for "nothing of the other unit" checks). */
export async function workbookText(content: Buffer | Uint8Array): Promise<{ sheets: string[]; text: string; rows: (name: string) => unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const out: unknown[][] = [];
    wb.getWorksheet(name)?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };
  return { sheets: wb.worksheets.map((w) => w.name), text: wb.worksheets.map((w) => rows(w.name).flat().join('|')).join('\n'), rows };
}

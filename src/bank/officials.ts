import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CHAT_CHANNEL_NAMES } from '../channels/registry.ts';
import type { Unit } from '../core/types.ts';
import { FileValidationError } from '../config/yaml-file.ts';
import { readCsv, validateRows } from './units.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.bank;

/** One row of `units/officials.csv`: an account that is the official of one unit. */
export interface OfficialFileRow {
  /** A chat channel's name (the channel registry's). */
  channel: string;
  accountId: string;
  unitCode: string;
  name: string;
  /** Changes whenever the row does: a revocation in chat holds until then. */
  hash: string;
}

const officialRow = z.object({
  channel: z.enum(CHAT_CHANNEL_NAMES as [string, ...string[]], { message: T.officialChannel(CHAT_CHANNEL_NAMES) }),
  account_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/u, T.officialAccount),
  unit_code: z.string().min(1, T.officialUnitCode),
  name: z.string().trim().max(100).default(''),
});

export const officialsFile = (dir: string) => join(dir, 'units', 'officials.csv');

/**
 * Reads the optional `<dir>/units/officials.csv` (channel,account_id,unit_code,name): every unit code must be one of
 * `units`, every account listed once. Throws FileValidationError with file:line problems; no file → no officials.
 */
export function loadOfficialsFile(dir: string, units: readonly Unit[]): OfficialFileRow[] {
  const file = officialsFile(dir);
  if (!existsSync(file)) return [];
  const codes = new Set(units.filter((u) => u.kind === 'commune' || u.kind === 'agency').map((u) => u.code));
  const known = officialRow.superRefine((r, ctx) => {
    if (!codes.has(r.unit_code)) ctx.addIssue({ code: 'custom', path: ['unit_code'], message: T.officialUnitUnknown(r.unit_code) });
  });
  const rows = validateRows(file, readCsv(file), known);
  const seen = new Set<string>();
  const problems: string[] = [];
  rows.forEach((r, i) => {
    // Line numbers count the header line.
    const key = `${r.channel}:${r.account_id}`;
    if (seen.has(key)) problems.push(T.officialAccountTwice(`${file}:${i + 2}`, key));
    seen.add(key);
  });
  if (problems.length) throw new FileValidationError(file, problems);
  return rows.map((r) => ({
    channel: r.channel,
    accountId: r.account_id,
    unitCode: r.unit_code,
    name: r.name,
    hash: createHash('sha256').update([r.channel, r.account_id, r.unit_code, r.name].join('\t')).digest('hex').slice(0, 32),
  }));
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Unit } from '../core/types.ts';
import { FileValidationError } from '../config/yaml-file.ts';

const communeRow = z.object({
  code: z.string().regex(/^[A-Za-z0-9]{1,12}$/u, 'mã đơn vị: chữ và số, tối đa 12 ký tự'),
  name: z.string().trim().min(2).max(100),
  kind: z.string().trim().min(1),
  population: z.union([z.literal(''), z.coerce.number().int().positive()]).optional(),
});

const agencyRow = z.object({
  code: z.string().regex(/^[A-Za-z0-9]{1,12}$/u, 'mã đơn vị: chữ và số, tối đa 12 ký tự'),
  name: z.string().trim().min(2).max(100),
  group: z.string().trim().min(1),
  staff: z.union([z.literal(''), z.coerce.number().int().positive()]).optional(),
});

function readCsv(file: string): Record<string, string>[] {
  try {
    return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new FileValidationError(file, [`${file}: ${(err as Error).message}`]);
  }
}

function validateRows<T>(file: string, rows: Record<string, string>[], schema: z.ZodType<T>): T[] {
  const problems: string[] = [];
  const out: T[] = [];
  rows.forEach((row, i) => {
    const parsed = schema.safeParse(row);
    // Line numbers count the header line.
    if (!parsed.success) problems.push(...parsed.error.issues.map((e) => `${file}:${i + 2}: ${e.path.join('.')}: ${e.message}`));
    else out.push(parsed.data);
  });
  if (problems.length) throw new FileValidationError(file, problems);
  return out;
}

/**
 * Reads the unit lists: `<dir>/units/communes.csv` (required: code,name,kind[,population]) and
 * `<dir>/units/agencies.csv` (optional: code,name,group[,staff]). Codes are unique across both lists.
 */
export function loadUnits(dir: string): Unit[] {
  const communesFile = join(dir, 'units', 'communes.csv');
  const agenciesFile = join(dir, 'units', 'agencies.csv');
  const communes = validateRows(communesFile, readCsv(communesFile), communeRow).map<Unit>((r) => ({
    code: r.code,
    kind: 'commune',
    name: r.name,
    group: r.kind,
    population: typeof r.population === 'number' ? r.population : null,
  }));
  if (communes.length === 0) throw new FileValidationError(communesFile, [`${communesFile}: chưa có xã/thị trấn nào`]);
  let agencies: Unit[] = [];
  try {
    readFileSync(agenciesFile);
    agencies = validateRows(agenciesFile, readCsv(agenciesFile), agencyRow).map<Unit>((r) => ({
      code: r.code,
      kind: 'agency',
      name: r.name,
      group: r.group,
      population: null,
      staff: typeof r.staff === 'number' ? r.staff : null,
    }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const seen = new Set<string>();
  const dupes = [...communes, ...agencies].filter((u) => (seen.has(u.code) ? true : (seen.add(u.code), false)));
  if (dupes.length) throw new FileValidationError(join(dir, 'units'), dupes.map((u) => `trùng mã đơn vị "${u.code}" (${u.name})`));
  return [...communes, ...agencies];
}

/** Units in Vietnamese alphabetical order of their full names (Intl.Collator "vi"). */
export function sortUnits(units: readonly Unit[]): Unit[] {
  const collator = new Intl.Collator('vi');
  return [...units].sort((a, b) => collator.compare(a.name, b.name));
}

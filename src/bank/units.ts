import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { DEFAULT_UNIT_FILES, type Campaign, type Unit, type UnitFiles } from '../core/types.ts';

export { DEFAULT_UNIT_FILES };
import { FileValidationError } from '../config/yaml-file.ts';
import type { Problem } from './quality.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.bank;

const unitCode = z.string().regex(/^[A-Za-z0-9]{1,12}$/u, T.unitCode);
const population = z.union([z.literal(''), z.coerce.number().int().positive()]).optional();

const communeRow = z.object({
  code: unitCode,
  name: z.string().trim().min(2).max(100),
  kind: z.string().trim().min(1),
  population,
  parent: z.string().trim().optional(),
});

/** The level above communes (a 2023 province's districts): code,name[,kind][,population]. */
const parentRow = z.object({
  code: unitCode,
  name: z.string().trim().min(2).max(100),
  kind: z.string().trim().optional(),
  population,
});

const agencyRow = z.object({
  code: z.string().regex(/^[A-Za-z0-9]{1,12}$/u, T.unitCode),
  name: z.string().trim().min(2).max(100),
  group: z.string().trim().min(1),
  staff: z.union([z.literal(''), z.coerce.number().int().positive()]).optional(),
});

export function readCsv(file: string): Record<string, string>[] {
  try {
    return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new FileValidationError(file, [`${file}: ${(err as Error).message}`]);
  }
}

export function validateRows<T>(file: string, rows: Record<string, string>[], schema: z.ZodType<T>): T[] {
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


const count = (n: number | '' | undefined) => (typeof n === 'number' ? n : null);

function readParents(file: string): Unit[] {
  const rows = validateRows(file, readCsv(file), parentRow);
  if (rows.length === 0) throw new FileValidationError(file, [T.noParents(file)]);
  return rows.map((r) => ({ code: r.code, kind: 'parent', name: r.name, group: r.kind || 'parent', population: count(r.population) }));
}

/** Every commune names an existing parent when there is a parent list, and none when there is not. */
function checkParents(file: string, rows: z.output<typeof communeRow>[], parents: Unit[] | null, parentsFile: string | undefined): void {
  const codes = new Set(parents?.map((p) => p.code));
  const problems: string[] = [];
  rows.forEach((r, i) => {
    const where = `${file}:${i + 2}: parent`;
    if (!parents && r.parent) problems.push(T.parentNotDeclared(where));
    else if (parents && !r.parent) problems.push(T.parentMissing(where, parentsFile));
    else if (parents && r.parent && !codes.has(r.parent)) problems.push(T.parentUnknown(where, r.parent, parentsFile));
  });
  if (problems.length) throw new FileValidationError(file, problems);
}

/**
 * Reads the unit lists named by the campaign, relative to the bank folder `dir`: communes (required:
 * code,name,kind[,population][,parent]), agencies (optional: code,name,group[,staff]) and, when the campaign has a
 * parent level, parents (code,name[,kind][,population]; every commune's `parent` must be one of them). Codes are unique
 * across all lists.
 */
export function loadUnits(dir: string, files: UnitFiles = DEFAULT_UNIT_FILES): Unit[] {
  const communesFile = join(dir, files.communes);
  const parentsFile = files.parents ? join(dir, files.parents) : undefined;
  const parents = parentsFile ? readParents(parentsFile) : null;
  const rows = validateRows(communesFile, readCsv(communesFile), communeRow);
  checkParents(communesFile, rows, parents, parentsFile);
  const communes = rows.map<Unit>((r) => ({
    code: r.code,
    kind: 'commune',
    name: r.name,
    group: r.kind,
    population: count(r.population),
    ...(parents ? { parent: r.parent! } : {}),
  }));
  if (communes.length === 0) throw new FileValidationError(communesFile, [T.noCommunes(communesFile)]);
  const agencies = files.agencies ? readAgencies(join(dir, files.agencies)) : [];
  const all = [...(parents ?? []), ...communes, ...agencies];
  // Rows keep their file order, so row i of a list is line i + 2 of its file (after the header).
  const lineOf = (list: Unit[], file: string | undefined) => list.map((u, i) => ({ u, at: `${file}:${i + 2}` }));
  const located = [...lineOf(parents ?? [], parentsFile), ...lineOf(communes, communesFile), ...lineOf(agencies, files.agencies ? join(dir, files.agencies) : undefined)];
  const first = new Map<string, string>();
  const dupes: string[] = [];
  for (const { u, at } of located) {
    const earlier = first.get(u.code);
    if (earlier) dupes.push(T.duplicateUnit(at, u.code, u.name, earlier));
    else first.set(u.code, at);
  }
  if (dupes.length) throw new FileValidationError(join(dir, 'units'), dupes);
  return all;
}

/** The agencies list; a file that does not exist means none. */
function readAgencies(file: string): Unit[] {
  try {
    readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return validateRows(file, readCsv(file), agencyRow).map<Unit>((r) => ({
    code: r.code,
    kind: 'agency',
    name: r.name,
    group: r.group,
    population: null,
    staff: count(r.staff),
  }));
}

/** Units in Vietnamese alphabetical order of their full names (Intl.Collator "vi"). */
export function sortUnits(units: readonly Unit[]): Unit[] {
  const collator = new Intl.Collator('vi');
  return [...units].sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * `questions:check --strict` warnings about a campaign's populations: communes without one (the per-1,000 criterion
 * of the reward proposal and the board column are then dropped for every commune), and figures without a stated
 * basis (`population_basis:`). Agencies have no population: their per-staff figure is optional and never warned about.
 */
export function populationWarnings(dir: string, campaignFile: string, campaign: Campaign, units: readonly Unit[]): Problem[] {
  const file = join(dir, campaign.unitFiles.communes);
  const communes = units.filter((u) => u.kind === 'commune');
  // The communes keep their file order: commune i is line i + 2 (after the header).
  const missing = communes.flatMap((u, i) => (u.population === null ? [{ u, line: i + 2 }] : []));
  const out: Problem[] = [];
  const warn = (at: string, message: string) => out.push({ rule: 'population', severity: 'warning', at, message });
  if (missing.length) {
    const shown = missing.slice(0, 5).map(({ u, line }) => T.populationUnit(u.name, line));
    const more = missing.length > shown.length ? T.populationMore(missing.length - shown.length) : '';
    warn(
      file,
      T.populationMissing(missing.length, communes.length, campaign.labels.commune, shown.join(', '), more),
    );
  }
  if (missing.length < communes.length && !campaign.populationBasis) {
    warn(campaignFile, T.populationBasis);
  }
  return out;
}

import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A copy of the shipped question bank in a fresh temporary folder, for tests that write to it. */
export function copyBank(): { dir: string; tmp: string; snapshot: () => Record<string, string>; cleanup: () => void } {
  const tmp = mkdtempSync(join(tmpdir(), 'cds-bank-'));
  const dir = join(tmp, 'question-bank');
  cpSync('question-bank', dir, { recursive: true });
  const folder = join(dir, 'questions');
  return {
    dir,
    tmp,
    snapshot: () => Object.fromEntries(readdirSync(folder).sort().map((f) => [f, readFileSync(join(folder, f), 'utf8')])),
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

// A 2023-style province in miniature: the shipped Bắc Sơn communes split over two parent units (a test fixture:
// "Huyện Thử nghiệm" is not a real district). The first nine communes (Thị trấn Bắc Sơn 06325 among them) are of 185,
// the others (Xã Vũ Lễ 06373 among them) of T01.
const PARENTS = 'code,name,population\n185,Huyện Bắc Sơn,\nT01,Huyện Thử nghiệm,\n';

/** Writes the province's unit lists into a copied bank; returns the campaign file that uses them. */
export function provinceCampaign(bank: { dir: string; tmp: string }): string {
  const units = join(bank.dir, 'units');
  const [header, ...rows] = readFileSync(join(units, 'communes.csv'), 'utf8').trim().split('\n');
  writeFileSync(join(units, 'districts.csv'), PARENTS);
  writeFileSync(join(units, 'communes-p.csv'), [`${header},parent`, ...rows.map((r, i) => `${r},${i < 9 ? '185' : 'T01'}`)].join('\n') + '\n');
  const campaign = join(bank.tmp, 'province.yaml');
  writeFileSync(
    campaign,
    `${readFileSync('campaigns/bac-son-2023.yaml', 'utf8')}\nunits: { communes: units/communes-p.csv, agencies: units/agencies.csv, parents: units/districts.csv }\nlabels: { commune: "xã, thị trấn", parent: "huyện", area: "tỉnh" }\n`,
  );
  return campaign;
}

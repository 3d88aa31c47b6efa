import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The scale bench's campaign: the shipped 2023 Bắc Sơn format with its 18 communes split over two parent units (as in
 * tests/province/parents.test.ts), so the boards include a parent level. `reminders` is appended as given (YAML).
 */
export interface Province {
  dir: string;
  bankDir: string;
  campaignFile: string;
  remove(): void;
}

const PARENTS = 'code,name,population\n185,Huyện Bắc Sơn,\nT01,Huyện Thử nghiệm,\n';

export function makeProvince(reminders = ''): Province {
  const dir = mkdtempSync(join(tmpdir(), 'cds-scale-'));
  const bankDir = join(dir, 'question-bank');
  cpSync('question-bank', bankDir, { recursive: true });
  const units = join(bankDir, 'units');
  const [header, ...rows] = readFileSync(join(units, 'communes.csv'), 'utf8').trim().split('\n');
  writeFileSync(join(units, 'districts.csv'), PARENTS);
  writeFileSync(join(units, 'communes-p.csv'), [`${header},parent`, ...rows.map((r, i) => `${r},${i < 9 ? '185' : 'T01'}`)].join('\n') + '\n');
  const campaignFile = join(dir, 'province.yaml');
  writeFileSync(
    campaignFile,
    `${readFileSync('campaigns/bac-son-2023.yaml', 'utf8')}\nunits: { communes: units/communes-p.csv, agencies: units/agencies.csv, parents: units/districts.csv }\n` +
      `labels: { commune: "xã, thị trấn", parent: "huyện", area: "tỉnh" }\n${reminders}`,
  );
  return { dir, bankDir, campaignFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh PostgreSQL database of the bench's own (C.UTF-8 collation, as the README asks); drop() removes it. */
export async function freshPostgres(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cdsq_bench_${label}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_SERVER });
  await admin.connect();
  await admin.query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  await admin.end();
  const url = new URL(PG_SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_SERVER });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/** The shared keys a PostgreSQL deployment requires, and the rest of a quiet bench environment. */
export function benchEnv(p: Province, databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATA_DIR: join(p.dir, 'data'),
    CAMPAIGN_FILE: p.campaignFile,
    QUESTION_BANK_DIR: p.bankDir,
    DEMO: 'off',
    LOG_LEVEL: 'silent',
    IDENTITY_HASH_KEY: 'bench-identity-hash-key-0123456789abcdef',
    DOWNLOAD_SECRET: 'bench-download-secret-0123456789abcdef',
    ...extra,
  };
}

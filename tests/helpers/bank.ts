import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
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

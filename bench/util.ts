import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchDir {
  path: string;
}

export function benchDir(): BenchDir & { remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'cds-bench-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function report(title: string, numbers: Record<string, number>): void {
  console.log(`\n## ${title}`);
  for (const [k, v] of Object.entries(numbers)) console.log(`  ${k.padEnd(28)} ${Number.isInteger(v) ? v : v.toFixed(v < 10 ? 3 : 1)}`);
}

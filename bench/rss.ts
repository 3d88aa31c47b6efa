import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTelegram } from '../tests/support/fake-telegram/index.ts';

// `npx tsx bench/rss.ts`: idle resident memory of the built app (`node dist/src/main.js`) against `npm start`
// (npm + the tsx loader + node), in the local chat and as ROLE=bot polling a fake Telegram. Builds first if needed.

const IDLE_MS = 5000;

/** RSS in MB of a process and all its descendants, from /proc. */
function treeRssMb(pid: number): { total: number; processes: number } {
  const kb = (p: number) => Number(/VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
  const children = (p: number): number[] => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/u).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const all: number[] = [];
  for (const queue = [pid]; queue.length > 0; ) {
    const p = queue.shift()!;
    all.push(p);
    queue.push(...children(p));
  }
  return { total: Math.round(all.reduce((sum, p) => sum + kb(p), 0) / 1024), processes: all.length };
}

async function idleRss(label: string, command: string, args: string[], env: Record<string, string>, ready: RegExp) {
  const child: ChildProcess = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  try {
    const deadline = Date.now() + 120_000;
    while (!ready.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${label}: not ready\n${out.slice(-1000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const { total, processes } = treeRssMb(child.pid!);
    console.log(`| ${label.padEnd(44)} | ${String(processes).padStart(9)} | ${String(total).padStart(8)} |`);
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  }
}

if (!existsSync('dist/src/main.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'cds-rss-'));
const fake = await startFakeTelegram();
try {
  const chat = { DATA_DIR: dir, LOG_LEVEL: 'warn' };
  const bot = { DATA_DIR: dir, LOG_LEVEL: 'info', ROLE: 'bot', PORT: '0', DEMO: 'off', TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, IDENTITY_HASH_KEY: 'rss-'.padEnd(32, 'k') };
  const welcome = /Chào mừng/u;
  const polling = /Telegram bot started/u;
  console.log(`idle RSS after ${IDLE_MS / 1000} s, node ${process.version}, SQLite`);
  console.log('| process | processes | RSS (MB) |\n|---|---:|---:|');
  await idleRss('node dist/src/main.js (local chat)', process.execPath, ['dist/src/main.js'], chat, welcome);
  await idleRss('npm start (local chat)', 'npm', ['start'], chat, welcome);
  await idleRss('node dist/src/main.js, ROLE=bot (Telegram polling)', process.execPath, ['dist/src/main.js'], bot, polling);
  await idleRss('npm start, ROLE=bot (Telegram polling)', 'npm', ['start'], bot, polling);
} finally {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}

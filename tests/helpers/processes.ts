import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type MainProcess = ChildProcess & { output: string[] };

/** The app as `npm start` runs it: src/main.ts in its own process; stderr (the JSON log) is collected. */
export function startMain(env: Record<string, string>, args: string[] = []): MainProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  }) as MainProcess;
  child.output = [];
  child.stderr!.on('data', (chunk: Buffer) => child.output.push(chunk.toString()));
  return child;
}

export async function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return { code, signal };
}

/** The JSON log lines of a process started with LOG_LEVEL=info or lower (lines that are not JSON are skipped). */
export function logLines(child: MainProcess): Record<string, unknown>[] {
  return child.output
    .join('')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** Waits until the process logs a line whose msg matches; fails early, with its log, when the process exits first. */
export async function waitForLog(child: MainProcess, msg: RegExp, timeoutMs = 45_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = logLines(child).find((l) => typeof l.msg === 'string' && msg.test(l.msg));
    if (line) return line;
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      throw new Error(`process ${child.pid} did not log ${msg} (${child.exitCode ?? child.signalCode ?? 'timed out'}); its log:\n${child.output.join('').slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

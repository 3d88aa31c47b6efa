import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Ipc = ChildProcess & { request<T>(msg: object, reply: string): Promise<T> };

/** A tsx child script talking over IPC; `request` sends a message and resolves with the first reply of that type. */
export function forkIpc(script: string, args: string[] = []): Ipc {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, { execArgv: ['--import', 'tsx'] }) as Ipc;
  child.request = <T>(msg: object, reply: string) =>
    new Promise<T>((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type !== reply) return;
        child.off('message', on);
        resolve(m as T);
      };
      child.on('message', on);
      if (Object.keys(msg).length > 0) child.send(msg);
    });
  return child;
}

export type AppProcess = ChildProcess & { log: () => string };

/** The built app (`node dist/src/main.js`) with `env`; resolves once its log (stderr, JSON) matches `ready`. */
export async function startBuilt(env: Record<string, string>, ready: RegExp, nodeArgs: string[] = [], timeoutMs = 180_000): Promise<AppProcess> {
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] }) as AppProcess;
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  child.log = () => out;
  const deadline = Date.now() + timeoutMs;
  while (!ready.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`app process not ready (${ready}):\n${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** VmHWM (peak resident set) and VmRSS of a process, in MB. */
export function memoryMb(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`, 'u').exec(status)?.[1] ?? 0);
  return { peak: Math.round(kb('VmHWM') / 1024), now: Math.round(kb('VmRSS') / 1024) };
}

/** Samples VmRSS every 100 ms until stopped; returns the largest sample, when it was (s), and VmHWM at the end, in MB. */
export function sampleRss(pid: number): { stop: () => { sampledMax: number; atSeconds: number; peak: number } } {
  let max = 0;
  let at = 0;
  let peak = 0;
  const start = performance.now();
  const timer = setInterval(() => {
    try {
      const m = memoryMb(pid);
      if (m.now > max) at = (performance.now() - start) / 1000;
      max = Math.max(max, m.now);
      peak = m.peak;
    } catch {
      // the process exited
    }
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return { sampledMax: max, atSeconds: at, peak };
    },
  };
}

import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './http.ts';

const run = promisify(execFile);

/** Where the server binaries are (Debian's postgresql-15 package); PG_BIN_DIR overrides. */
export const PG_BIN_DIR = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

export interface OwnPostgres {
  readonly port: number;
  /** The URL of database `name` on this server. */
  url(name: string): string;
  createDatabase(name: string): Promise<void>;
  /** pg_ctl start, waiting until it accepts connections. */
  start(): Promise<void>;
  /** pg_ctl stop -m fast (connections are cut, what was committed stays). */
  stop(): Promise<void>;
  /**
   * Freezes the server as a network partition or a hung host would: SIGSTOP to the postmaster, then to every process
   * it started (backends of open connections, checkpointer, walwriter…). Connections stay open and nothing answers;
   * new connections are accepted by the kernel and never greeted. The postmaster alone would leave open connections
   * answering.
   */
  freeze(): Promise<void>;
  /** SIGCONT to every process freeze() stopped. */
  thaw(): Promise<void>;
  /** Stops the server if it runs (thawing it first) and removes its data directory. Never throws. */
  destroy(): Promise<void>;
}

/** The processes whose parent is `pid`, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) children.push(Number(entry));
  }
  return children;
}

/**
 * A PostgreSQL server of the test's own: a fresh cluster (initdb) in a temporary folder, on a free loopback port, its
 * socket in that folder — never the shared server on 5432, so a test may stop and restart it. As root the server
 * runs as the `postgres` user (PostgreSQL refuses root), which then owns the folder. Throws, naming what is missing,
 * when the binaries are not installed: the test fails rather than being skipped.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  for (const bin of ['initdb', 'pg_ctl']) {
    if (!existsSync(join(PG_BIN_DIR, bin))) {
      throw new Error(`${join(PG_BIN_DIR, bin)} not found: this test runs a PostgreSQL server of its own; install postgresql-15 (apt-get install postgresql-15) or set PG_BIN_DIR`);
    }
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'cdsq-own-pg-'));
  const data = join(dir, 'data');
  const as = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  const pgRun = async (bin: string, args: string[]) => {
    const [cmd, ...rest] = [...as, join(PG_BIN_DIR, bin), ...args];
    try {
      await run(cmd!, rest, { timeout: 60_000 });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`${bin} ${args.join(' ')} failed: ${e.stderr || e.message}`);
    }
  };
  let running = false;
  let frozen: number[] = [];
  const port = await freePort();
  const server: OwnPostgres = {
    port,
    url: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: server.url('postgres') });
      await client.connect();
      try {
        await client.query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
      } finally {
        await client.end();
      }
    },
    async start() {
      await pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
      running = true;
    },
    async stop() {
      await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
      running = false;
    },
    async freeze() {
      const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      // The postmaster first: stopped, it starts no new backend while its children are listed and stopped.
      process.kill(postmaster, 'SIGSTOP');
      frozen = [postmaster];
      for (const child of childrenOf(postmaster)) {
        process.kill(child, 'SIGSTOP');
        frozen.push(child);
      }
    },
    async thaw() {
      for (const pid of frozen.reverse()) {
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // gone
        }
      }
      frozen = [];
    },
    async destroy() {
      await server.thaw();
      if (running || existsSync(join(data, 'postmaster.pid'))) {
        await server.stop().catch(() => pgRun('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    if (asRoot) {
      const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
      const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
      chownSync(dir, uid, gid);
    }
    await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await server.start();
  } catch (err) {
    await server.destroy();
    throw err;
  }
  return server;
}

import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { viOperator } from '../messages/operator.ts';

const idList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const optional = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim() : undefined));

const proxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(['loopback', 'linklocal', 'uniquelocal'])]);

/** "true", "false" or a comma-separated list of proxy addresses/CIDRs (fastify's trustProxy). */
const trustProxy = optional
  .transform((s) => (s === undefined || s === 'false' ? false : s === 'true' ? true : s.split(',').map((x) => x.trim()).filter(Boolean)))
  .pipe(z.union([z.boolean(), z.array(proxyAddress).min(1)]));

/** Every environment variable the app reads; `.env.example` documents each one. */
export const envSchema = z.object({
  /**
   * postgres:// or postgresql:// → PostgreSQL; a path, sqlite: or file: → SQLite.
   * Unset: DATA_DIR/cds-quizbot.sqlite, or DATA_DIR/demo.sqlite for the demo campaign.
   */
  DATABASE_URL: optional.refine((url) => url === undefined || databaseKind(url) !== undefined, {
    message: viOperator.env.databaseUrl,
  }),
  /** Connections per process in the PostgreSQL pool (SQLite: one connection, unused). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** PostgreSQL: how long the app waits for the server, in ms (0 = for ever); see PostgresLimits below. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(20_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  DATABASE_KEEPALIVE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** Everything the app writes besides a PostgreSQL database: the default SQLite files, generated keys. */
  DATA_DIR: z.string().default('./data'),
  CAMPAIGN_FILE: z.string().default('campaigns/bac-son-2023.yaml'),
  QUESTION_BANK_DIR: z.string().default('question-bank'),
  CONTEST_CLOSES_AT: optional.pipe(
    z.iso.datetime({ offset: true, message: viOperator.env.closesAt }).optional(),
  ),
  DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Unset: info, or warn in the terminal chat (logs would mix with the conversation). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address the HTTP server listens on. Unset: 0.0.0.0 for the bot (the local chat's pages: 127.0.0.1). */
  HOST: optional.pipe(z.union([z.ipv4(), z.ipv6()], { message: viOperator.env.host }).optional()),
  PUBLIC_BASE_URL: optional,
  /** Whose X-Forwarded-For/-Proto/-Host to believe: off by default; the reverse proxy's address(es) behind nginx. */
  TRUST_PROXY: trustProxy,
  ROLE: z.enum(['all', 'bot', 'worker']).default('all'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  BULLMQ_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/u).default('cdsq'),
  REMINDERS_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(16),
  REMINDERS_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: optional,
  TELEGRAM_WEBHOOK_SECRET: optional,
  ADMIN_TELEGRAM_IDS: idList,
  /** Only used when getMe fails (some Bot API servers): the @username for t.me invite links, without "@". */
  TELEGRAM_BOT_USERNAME: optional,
  ZALO_BOT_TOKEN: optional,
  ZALO_API_URL: z.string().url().default('https://bot-api.zaloplatforms.com'),
  ZALO_WEBHOOK_URL: optional,
  ZALO_WEBHOOK_SECRET: optional,
  ADMIN_ZALO_IDS: idList,
  /** Pause for all Zalo sending after a 429 quota error (Zalo gives no retry_after). */
  /**
   * The bot's address people open a private chat with (e.g. https://zalo.me/…), named when someone writes in a group;
   * and, since Zalo links carry no payload, shown with the code to type wherever an invite link is.
   */
  ZALO_BOT_LINK: optional,
  ZALO_QUOTA_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** HMAC key of signed download links; unset (SQLite only): generated once into DATA_DIR/download-secret.key. */
  DOWNLOAD_SECRET: optional,
  DOWNLOAD_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** HMAC key of the identity hashes kept for deleted people; required with a channel token (identityHashKey). */
  IDENTITY_HASH_KEY: optional.refine((k) => k === undefined || k.length >= 32, { message: viOperator.env.keyLength }),
  /** HMAC key of the pseudonyms in the public results files (not IDENTITY_HASH_KEY); unset: generated once into the database. */
  RESULTS_PSEUDONYM_KEY: optional.refine((k) => k === undefined || k.length >= 32, { message: viOperator.env.keyLength }),
  /** Days after the contest closes until the identity hashes of deleted people are erased. */
  DELETION_HASH_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** Polling mode: how long a process's claim to poll a bot token lasts without renewal (another may take it then). */
  POLLING_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
  /** Polling mode: how often the polling process renews its lease, and the waiting ones check whether it expired. */
  POLLING_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(5_000),
  INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  REPLY_STALE_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
});

export type Env = z.infer<typeof envSchema>;

/**
 * Which database a DATABASE_URL names: postgres:// or postgresql:// → PostgreSQL; sqlite:, file: or a plain path
 * (no scheme; one letter before ":" is a Windows drive) → SQLite; any other scheme → undefined (not supported).
 */
export function databaseKind(url: string): 'postgres' | 'sqlite' | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]+):/u.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === 'sqlite' || scheme === 'file') return 'sqlite';
  return scheme === 'postgres' || scheme === 'postgresql' ? 'postgres' : undefined;
}

/** An operator error in the environment; the message says which variable and what is wrong. */
export class EnvError extends Error {
  override name = 'EnvError';
}

const invalidEnv = (problems: string[]) => new EnvError(viOperator.env.invalid(problems.map((p) => `  ${p}`).join('\n')));

/**
 * Parses the environment once. Reads `.env` (in the working directory) when present; variables already set in the
 * real environment win over the file.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env, envFile = '.env'): Env {
  if (source === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  // An empty value (`LOG_LEVEL=` as in .env.example) means unset.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== '')));
  if (!parsed.success) {
    throw invalidEnv(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}

/**
 * Keys every process of one deployment must share. With SQLite they may be left unset (one server: the app generates
 * them under DATA_DIR); with PostgreSQL several processes on several servers serve the same people, so they are required.
 */
export const SHARED_KEYS = ['DOWNLOAD_SECRET', 'IDENTITY_HASH_KEY'] as const satisfies readonly (keyof Env)[];

/** Refuses a PostgreSQL deployment whose shared keys are unset, naming each. */
export function checkSharedKeys(env: Env): void {
  if (env.DATABASE_URL === undefined || databaseKind(env.DATABASE_URL) !== 'postgres') return;
  const missing = SHARED_KEYS.filter((key) => env[key] === undefined);
  if (missing.length === 0) return;
  throw invalidEnv(missing.map((key) => viOperator.env.sharedKeyRequired(key)));
}

/**
 * The environment of a command-line tool that works on the bot's database (npm run db:migrate, db:backup): DATABASE_URL,
 * else the SQLite file `npm start` uses with a token. Throws an EnvError naming what is wrong.
 */
export function loadDatabaseEnv(source: NodeJS.ProcessEnv = process.env): Env & { DATABASE_URL: string } {
  const env = loadEnv(source);
  return { ...env, DATABASE_URL: env.DATABASE_URL ?? defaultDatabasePath(env) };
}

/** Without DATABASE_URL: an SQLite file under DATA_DIR, a separate one for the demo campaign. */
export function defaultDatabasePath(env: Env, demo = false): string {
  return join(env.DATA_DIR, demo ? 'demo.sqlite' : 'cds-quizbot.sqlite');
}

export const IDENTITY_KEY_FILE = 'identity.key';

/**
 * The key of the identity hashes: IDENTITY_HASH_KEY; it is required when a channel token is set (every process of a
 * real bot must use the same key, and losing it would let deleted people start the contest afresh). Without tokens
 * (the local chat, tests) a random key is generated once into `dataDir`/identity.key, readable by its owner only.
 */
export function identityHashKey(env: Env, dataDir: string): Buffer {
  if (env.IDENTITY_HASH_KEY) return Buffer.from(env.IDENTITY_HASH_KEY, 'utf8');
  if (!hasNoChannelToken(env)) {
    throw new EnvError(viOperator.env.identityKeyRequired);
  }
  return Buffer.from(keyFromFile(join(dataDir, IDENTITY_KEY_FILE)), 'utf8');
}

/**
 * A shared key's value: the environment's, else (SQLite: one server) the one generated on first use into
 * DATA_DIR/<name>.key, so a restart or a second process on the same server agrees. With PostgreSQL the start-up check
 * (checkSharedKeys) has already required the environment's.
 */
export function sharedKey(env: Env, key: 'DOWNLOAD_SECRET'): string {
  return env[key] ?? keyFromFile(join(env.DATA_DIR, `${key.toLowerCase().replaceAll('_', '-')}.key`));
}

/** The key kept in `file`, generated there first if there is none. */
function keyFromFile(file: string): string {
  if (!existsSync(file)) createKeyFile(file);
  return readFileSync(file, 'utf8').trim();
}

/** Writes a fresh key aside, then links it into place: a second process starting at once reads a whole key, never half. */
function createKeyFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** True when no chat platform token is configured: the bot then runs the local terminal chat. */
export function hasNoChannelToken(env: Env): boolean {
  return !env.TELEGRAM_BOT_TOKEN && !env.ZALO_BOT_TOKEN;
}

/**
 * How long PostgreSQL may keep the app waiting (milliseconds; 0 = no limit). A server that stops answering (frozen,
 * cut off by the network) would otherwise hold every query, and with it every person's update, for ever.
 */
export interface PostgresLimits {
  /** Opening a connection, and waiting for a free one when the pool is busy (client side). */
  connectTimeoutMs: number;
  /** Waiting for a query's answer (client side); the connection is then destroyed, never reused. */
  queryTimeoutMs: number;
  /** The server cancels a statement running longer (statement_timeout). Below the query timeout. */
  statementTimeoutMs: number;
  /** The server ends a session left idle inside a transaction (idle_in_transaction_session_timeout). */
  idleInTransactionTimeoutMs: number;
  /** TCP keepalive probes start after the connection has been quiet this long (a host gone from the network). */
  keepAliveMs: number;
}

/** The pool's limits from DATABASE_*_MS (the defaults above; .env.example says why). */
export function postgresLimits(env: Pick<Env, 'DATABASE_CONNECT_TIMEOUT_MS' | 'DATABASE_QUERY_TIMEOUT_MS' | 'DATABASE_STATEMENT_TIMEOUT_MS' | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS' | 'DATABASE_KEEPALIVE_MS'>): PostgresLimits {
  return {
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    keepAliveMs: env.DATABASE_KEEPALIVE_MS,
  };
}

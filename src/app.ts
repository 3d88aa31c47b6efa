import pino, { type Logger } from 'pino';
import { loadQuestionBank, type QuestionBank } from './bank/questions.ts';
import { loadOfficialsFile } from './bank/officials.ts';
import { loadUnits } from './bank/units.ts';
import { checkCampaignAgainstBank, loadCampaign } from './config/campaign.ts';
import { EnvError, databaseKind, defaultDatabasePath, hasNoChannelToken, identityHashKey, postgresLimits, type Env, type PostgresLimits } from './config/env.ts';
import { demoCampaign, shiftCampaign } from './core/campaign.ts';
import type { Random } from './core/random.ts';
import type { Campaign, Unit } from './core/types.ts';
import type { ChannelContext } from './channels/context.ts';
import { CHAT_CHANNELS, CHAT_CHANNEL_NAMES } from './channels/registry.ts';
import type { JoinAddresses } from './contract/messages.ts';
import { createHealth, type Health } from './channels/health.ts';
import { createConversation, type Conversation } from './conversation/index.ts';
import { vi, viOfficials } from './messages/vi.ts';
import { syncCatalog } from './services/catalog.ts';
import { createServices, type ReminderQueue, type ServiceDeps, type Services } from './services/index.ts';
import { describeOpenFailure, migrateToLatest, openDatabase, openDatabaseProbe, redactDatabaseUrl, type DB } from './storage/db.ts';

export interface App {
  env: Env;
  campaign: Campaign;
  bank: QuestionBank;
  units: readonly Unit[];
  /** For tests, benchmarks and command-line tools; channels and presentation never get it. */
  db: DB;
  log: Logger;
  now: () => number;
  /** What the services were built with (read-only). */
  deps: ServiceDeps;
  services: Services;
  /** Storage incidents seen by this process's channels (/healthz reports them). */
  health: Health;
  /** The citizens' dialogue and officials' commands, for chat channels. */
  conversation: Conversation;
  /**
   * The chat channels the environment turns on (their tokens are set), in the registry's order, and every channel's
   * join addresses as the environment gives them (before any channel started).
   */
  channels: { running: readonly string[]; joinAddresses: JoinAddresses };
  databasePath: string;
  close(): Promise<void>;
}

export interface AppOptions {
  now?: () => number;
  random?: Random;
  log?: Logger;
  /** Terminal chat: quieter default logging. */
  chat?: boolean;
  /** How officials' confirmed reminder runs reach the worker (absent in the local chat). */
  reminderQueue?: ReminderQueue;
}

/** Which campaign runs: CONTEST_CLOSES_AT moves it; without it and without tokens, the demo (DEMO=auto). */
export function selectCampaign(env: Env, configured: Campaign, now: number): Campaign {
  if (env.CONTEST_CLOSES_AT) return shiftCampaign(configured, Date.parse(env.CONTEST_CLOSES_AT));
  const demo = env.DEMO === 'on' || (env.DEMO === 'auto' && hasNoChannelToken(env));
  return demo ? demoCampaign(configured, now) : configured;
}

/**
 * Opens and migrates the database; an unusable path or file is a start-up error naming the path and the cause.
 * PostgreSQL: the migrations run on a connection of their own without the pool's time limits (one may rewrite a big
 * table), then the pool opens with them.
 */
async function openMigrated(databasePath: string, poolSize: number, limits: PostgresLimits): Promise<DB> {
  let db: DB | undefined;
  const migrate = async (on: DB) => {
    const { error } = await migrateToLatest(on);
    if (error) throw error;
  };
  try {
    if (databaseKind(databasePath) === 'postgres') {
      const migrating = openDatabase(databasePath, { poolSize: 1 });
      try {
        await migrate(migrating);
      } finally {
        await migrating.destroy();
      }
      db = openDatabase(databasePath, { poolSize, limits });
    } else {
      db = openDatabase(databasePath);
      await migrate(db);
    }
    return db;
  } catch (err) {
    await db?.destroy().catch(() => undefined);
    throw new EnvError(describeOpenFailure(databasePath, err));
  }
}

/** JSON logs on stderr; the local chat only shows warnings unless LOG_LEVEL says otherwise. */
export function createLogger(env: Env, chat = false): Logger {
  return pino({ level: env.LOG_LEVEL ?? (chat ? 'warn' : 'info') }, pino.destination(2));
}

/**
 * Builds the application from the environment: validates the campaign, question bank and unit lists (throws a
 * FileValidationError naming file and line when one is wrong), opens and migrates the database, syncs the bank.
 */
export async function createApp(env: Env, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? Date.now;
  const log = options.log ?? createLogger(env, options.chat);
  const bank = loadQuestionBank(env.QUESTION_BANK_DIR);
  for (const w of bank.warnings) log.warn({ rule: w.rule, at: w.at }, w.message);
  const configured = loadCampaign(env.CAMPAIGN_FILE);
  const units = loadUnits(env.QUESTION_BANK_DIR, configured.unitFiles);
  const officials = loadOfficialsFile(env.QUESTION_BANK_DIR, units);
  checkCampaignAgainstBank(env.CAMPAIGN_FILE, configured, bank.questions);
  const campaign = selectCampaign(env, configured, now());
  const databasePath = env.DATABASE_URL ?? defaultDatabasePath(env, campaign.demo);
  const db = await openMigrated(databasePath, env.DATABASE_POOL_SIZE, postgresLimits(env));
  const identityKey = identityHashKey(env, env.DATA_DIR);
  const versionIds = await syncCatalog({ db, now }, units, bank.questions);
  const deps: ServiceDeps = {
    db,
    campaign,
    questions: bank.questions,
    versionIds,
    units,
    now,
    random: options.random ?? Math.random,
    log,
    identity: { key: identityKey, retentionMs: env.DELETION_HASH_RETENTION_DAYS * 86_400_000 },
    ...(env.RESULTS_PSEUDONYM_KEY ? { resultsKey: Buffer.from(env.RESULTS_PSEUDONYM_KEY, 'utf8') } : {}),
    chatChannels: CHAT_CHANNEL_NAMES,
    organisers: CHAT_CHANNELS.flatMap((c) => c.officialIds(env).map((id) => `${c.name}:${id}`)),
    ...(options.reminderQueue ? { reminderQueue: options.reminderQueue } : {}),
    isDistrictOfficial: districtOfficials(env),
  };
  const services = createServices(deps);
  await services.officials.syncFile(officials);
  await services.quiz.closeExpiredAttempts();
  // Rows written before the integrity figures were kept with them (migrations 200, 201): once, after the upgrade.
  const kept = await services.integrity.keepMissingFigures();
  if (kept.attempts + kept.names > 0) log.info(kept, 'integrity figures kept for rows written before the upgrade');
  await services.privacy.eraseExpiredIdentityHashes();
  // /healthz asks the database on a connection of its own, within 2 s.
  const probe = openDatabaseProbe(databasePath);
  log.info({ campaign: campaign.id, questions: bank.questions.length, units: units.length, database: redactDatabaseUrl(databasePath) }, 'app ready');
  return {
    env,
    campaign,
    bank,
    units,
    db,
    log,
    now,
    deps,
    services,
    health: createHealth(log, now, () => probe.probe()),
    conversation: createConversation({ campaign, units, services, now, webBaseUrl: webBaseUrl(env) }),
    channels: { running: CHAT_CHANNELS.filter((c) => c.enabled(env)).map((c) => c.name), joinAddresses: Object.assign({}, ...CHAT_CHANNELS.map((c) => c.joinAddress(env))) as JoinAddresses },
    databasePath,
    async close() {
      await probe.close();
      await db.destroy();
    },
  };
}

/** The address of the web pages people see: PUBLIC_BASE_URL, else this machine's port. */
export function webBaseUrl(env: Env): string {
  return (env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/u, '');
}

/** District officials: each chat channel's configured accounts, and the local chat's user (who typed /admin at this machine). */
function districtOfficials(env: Env): (channel: string, userId: string) => boolean {
  const ids: Record<string, ReadonlySet<string>> = Object.fromEntries(CHAT_CHANNELS.map((c) => [c.name, new Set(c.officialIds(env))]));
  return (channel, userId) => channel === 'terminal' || (ids[channel]?.has(userId) ?? false);
}

/** The narrow view a chat channel gets of the app. */
export function channelContext(app: App): ChannelContext {
  return {
    config: app.env,
    services: app.services,
    conversationFor: (services, now) => createConversation({ campaign: app.campaign, units: app.units, services, now, webBaseUrl: webBaseUrl(app.env) }),
    log: app.log,
    now: app.now,
    menus: commandMenus(app.campaign, app.units),
    health: app.health,
  };
}

/** Citizens' menu, and officials' on top of it (the parent-level board only when the campaign has parents). */
function commandMenus(campaign: Campaign, units: readonly Unit[]): ChannelContext['menus'] {
  const citizen = vi.citizenMenu(campaign.labels);
  return { citizen, official: { ...citizen, ...vi.adminMenu(campaign.labels, units.some((u) => u.kind === 'parent')) }, unit: { ...citizen, ...viOfficials.unitMenu } };
}

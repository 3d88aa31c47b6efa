import pino, { type Logger } from 'pino';
import { loadQuestionBank, type QuestionBank } from './bank/questions.ts';
import { loadUnits } from './bank/units.ts';
import { checkCampaignAgainstBank, loadCampaign } from './config/campaign.ts';
import { hasNoChannelToken, type Env } from './config/env.ts';
import { demoCampaign, shiftCampaign } from './core/campaign.ts';
import type { Random } from './core/random.ts';
import type { Campaign } from './core/types.ts';
import { createConversation, type Conversation, type ConversationDeps } from './conversation/index.ts';
import { closeExpiredAttempts } from './services/quiz.ts';
import { migrateToLatest, openDatabase, redactDatabaseUrl, type DB } from './storage/db.ts';
import { syncQuestions, syncUnits } from './storage/repos/catalog.ts';

export interface App {
  env: Env;
  campaign: Campaign;
  bank: QuestionBank;
  db: DB;
  log: Logger;
  deps: ConversationDeps;
  conversation: Conversation;
  databasePath: string;
  close(): Promise<void>;
}

export interface AppOptions {
  now?: () => number;
  random?: Random;
  log?: Logger;
  /** Terminal chat: quieter default logging. */
  chat?: boolean;
}

/** Which campaign runs: CONTEST_CLOSES_AT moves it; without it and without tokens, the demo (DEMO=auto). */
export function selectCampaign(env: Env, configured: Campaign, now: number): Campaign {
  if (env.CONTEST_CLOSES_AT) return shiftCampaign(configured, Date.parse(env.CONTEST_CLOSES_AT));
  const demo = env.DEMO === 'on' || (env.DEMO === 'auto' && hasNoChannelToken(env));
  return demo ? demoCampaign(configured, now) : configured;
}

/**
 * Builds the application from the environment: validates the campaign, question bank and unit lists (throws a
 * FileValidationError naming file and line when one is wrong), opens and migrates the database, syncs the bank.
 */
export async function createApp(env: Env, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? Date.now;
  const log = options.log ?? pino({ level: env.LOG_LEVEL ?? (options.chat ? 'warn' : 'info') }, pino.destination(2));
  const bank = loadQuestionBank(env.QUESTION_BANK_DIR);
  for (const w of bank.warnings) log.warn({ rule: w.rule, at: w.at }, w.message);
  const units = loadUnits(env.QUESTION_BANK_DIR);
  const configured = loadCampaign(env.CAMPAIGN_FILE);
  checkCampaignAgainstBank(env.CAMPAIGN_FILE, configured, bank.questions);
  const campaign = selectCampaign(env, configured, now());
  const databasePath = env.DATABASE_URL ?? (campaign.demo ? './data/demo.sqlite' : './data/cds-quizbot.sqlite');
  const db = openDatabase(databasePath, { poolSize: env.DATABASE_POOL_SIZE });
  const { error } = await migrateToLatest(db);
  if (error) {
    await db.destroy();
    throw new Error(`Database migration failed: ${(error as Error).message ?? String(error)}`);
  }
  await syncUnits(db, units);
  const versionIds = await syncQuestions(db, bank.questions, now());
  const deps: ConversationDeps = { db, campaign, questions: bank.questions, versionIds, units, now, random: options.random ?? Math.random, log };
  await closeExpiredAttempts(deps);
  log.info({ campaign: campaign.id, questions: bank.questions.length, units: units.length, database: redactDatabaseUrl(databasePath) }, 'app ready');
  return {
    env,
    campaign,
    bank,
    db,
    log,
    deps,
    conversation: createConversation(deps),
    databasePath,
    close: () => db.destroy(),
  };
}

import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { readBankFiles } from '../../src/bank/questions.ts';
import { serializeQuestionFile } from '../../src/bank/yaml-write.ts';
import { loadEnv } from '../../src/config/env.ts';
import { seededRandom } from '../../src/core/random.ts';
import { answerQuestion, startOrResume } from '../../src/services/quiz.ts';
import { getAttemptItems } from '../../src/storage/repos/attempts.ts';
import { contentHash } from '../../src/storage/repos/catalog.ts';
import { copyBank } from '../helpers/bank.ts';
import { registerSynthetic } from '../helpers/participants.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const NOW = Date.parse('2026-12-01T09:00:00+07:00');
let bank: ReturnType<typeof copyBank>;
let apps: App[] = [];

beforeEach(() => {
  bank = copyBank();
});
afterEach(async () => {
  for (const app of apps) await app.close();
  apps = [];
  bank.cleanup();
});

async function start(now = NOW): Promise<App> {
  const env = loadEnv({ QUESTION_BANK_DIR: bank.dir, DATABASE_URL: testDatabaseUrl(bank.tmp, 'quiz.sqlite'), DEMO: 'on', LOG_LEVEL: 'silent' });
  const app = await createApp(env, { now: () => now, random: seededRandom(42), log: pino({ level: 'silent' }) });
  apps.push(app);
  return app;
}

/** An official rewords a question, its options and moves the correct answer to another letter. */
function reword(questionId: string): void {
  for (const f of readBankFiles(bank.dir)) {
    const q = f.data.questions.find((x) => x.id === questionId);
    if (!q) continue;
    q.text = `${q.text.replace(/\?$/u, '')} (đã sửa)?`;
    q.options = [...q.options.slice(1), q.options[0]!].map((o) => `${o} (sửa)`);
    q.correct = String.fromCharCode(65 + ((q.correct.charCodeAt(0) - 65 + q.options.length - 1) % q.options.length));
    writeFileSync(f.path, serializeQuestionFile(f.header, f.data));
  }
}

describe('a bank change while an attempt is open', () => {
  it('should keep the wording shown and score the answer against the version shown', async () => {
    const first = await start();
    const person = await registerSynthetic(first.db, 1, '06325', NOW);
    const started = await startOrResume(first.deps, person.id);
    if (started.kind !== 'question') throw new Error(`expected a question, got ${started.kind}`);
    const shown = started.item;
    const oldVersion = first.deps.versionIds.get(shown.questionId)!;
    await first.close();
    apps = [];

    reword(shown.questionId);
    const second = await start(NOW + 60_000); // the bot restarts with the edited bank
    const newVersion = second.deps.versionIds.get(shown.questionId)!;
    expect(newVersion).not.toBe(oldVersion);
    const versions = await second.db.selectFrom('question_versions').select(['id', 'active', 'text']).where('question_id', '=', shown.questionId).orderBy('id').execute();
    expect(versions.map((v) => [v.id, v.active])).toEqual([
      [oldVersion, 0],
      [newVersion, 1],
    ]);
    expect(versions[1]!.text).toContain('(đã sửa)');

    const resumed = await startOrResume(second.deps, person.id);
    if (resumed.kind !== 'question') throw new Error(`expected a question, got ${resumed.kind}`);
    expect(resumed.resumed).toBe(true);
    expect(resumed.item).toMatchObject({ versionId: oldVersion, text: shown.text, shownOptions: shown.shownOptions, correctShown: shown.correctShown });

    const answered = await answerQuestion(second.deps, person.id, shown.correctShown, { attemptId: started.attempt.id, position: shown.position });
    if (answered.kind !== 'next') throw new Error(`expected the next question, got ${answered.kind}`);
    expect(answered.answered.isCorrect).toBe(true);
    const [stored] = (await getAttemptItems(second.db, started.attempt.id)).filter((i) => i.position === shown.position);
    expect(stored).toMatchObject({ versionId: oldVersion, text: shown.text, chosenShown: shown.correctShown, isCorrect: true });
  });

  it('should keep a version unchanged when the bank is reloaded without edits', async () => {
    const first = await start();
    const ids = new Map(first.deps.versionIds);
    await first.close();
    apps = [];
    const second = await start();
    expect(second.deps.versionIds).toEqual(ids);
    const { n } = await second.db.selectFrom('question_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(ids.size);
  });

  it('should store a new version when a source URL is added, and hash a question without one as before URLs existed', async () => {
    const first = await start();
    const q = first.bank.questions[0]!;
    // The hash of a question without a source_url is the one stored before migration 140 (no URL in it).
    const { sourceUrl: before = null, ...bare } = q;
    expect(contentHash(bare)).toBe(createHash('sha256').update(JSON.stringify([q.topic, q.difficulty, q.text, q.options, q.correct, q.explanation, q.source])).digest('base64url').slice(0, 22));
    const oldVersion = first.deps.versionIds.get(q.id)!;
    await first.close();
    apps = [];
    for (const f of readBankFiles(bank.dir)) {
      const raw = f.data.questions.find((x) => x.id === q.id);
      if (!raw) continue;
      raw.source_url = 'https://vanban.chinhphu.vn/nguon-thu';
      writeFileSync(f.path, serializeQuestionFile(f.header, f.data));
    }
    const second = await start(NOW + 60_000);
    const newVersion = second.deps.versionIds.get(q.id)!;
    expect(newVersion).not.toBe(oldVersion);
    const versions = await second.db.selectFrom('question_versions').select(['id', 'active', 'source_url']).where('question_id', '=', q.id).orderBy('id').execute();
    expect(versions).toEqual([
      { id: oldVersion, active: 0, source_url: before },
      { id: newVersion, active: 1, source_url: 'https://vanban.chinhphu.vn/nguon-thu' },
    ]);
  });
});

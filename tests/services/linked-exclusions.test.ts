import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { playAttempt } from '../support/reminders/harness.ts';
import { createTestApp, tempDir, testClock, textUser } from '../helpers/app.ts';
import { communeCodes, webPerson } from '../helpers/web-person.ts';

/** The shipped campaign with one prize a round and a web account that wins nothing. */
function campaignFile(dir: string): string {
  const text = readFileSync('campaigns/bac-son-2023.yaml', 'utf8');
  const block = /^results:\n(?: {2}.*\n)+/mu;
  const file = join(dir, 'campaign.yaml');
  writeFileSync(file, text.replace(block, ['results:', '  prizes:', '    - { name: "Giải nhất", count: 1 }', '  exclude: ["web:w-excluded"]', ''].join('\n')));
  return file;
}

/** `results.exclude` names an account; a person matches it through any of their accounts (issue 23). */
describe('results.exclude and merged people', () => {
  const clock = testClock('2023-07-05T09:00:00+07:00');
  let dir: ReturnType<typeof tempDir>;
  let app: App;
  beforeEach(async () => {
    dir = tempDir();
    app = await createTestApp({ now: clock.now, dir: dir.path, env: { CAMPAIGN_FILE: campaignFile(dir.path) } });
  });
  afterEach(async () => {
    await app.close();
    dir.remove();
  });

  it('should leave out a Telegram person who merged an excluded web account, and give the prize to the next', async () => {
    const [commune] = communeCodes(app);
    const excluded = await webPerson(app, 'w-excluded', 'Web Không Xét', commune!);
    await playAttempt(app, excluded.id, 10);
    for (const [id, name] of [['tg-merge', 'Chu Văn Gộp'], ['tg-next', 'Đào Thị Kế']] as const) await textUser(app, id, { channel: 'telegram' }).register(name, 1);
    const merging = (await findParticipant(app.db, 'telegram', 'tg-merge'))!;
    await playAttempt(app, merging.id, 3);
    await playAttempt(app, (await findParticipant(app.db, 'telegram', 'tg-next'))!.id, 8);

    const code = (await app.services.links.codeFor(excluded.id))!.code;
    expect(await app.services.links.redeem(code, { channel: 'telegram', userId: 'tg-merge', chatId: 'tg-merge' })).toMatchObject({ kind: 'merged' });
    const results = (await app.services.rounds.results('tuan-1'))!;
    expect(results.winners.map((w) => w.name)).toEqual(['Đào Thị Kế']);
    expect(results.ineligible).toBe(1);
    expect(await app.services.rounds.rankOf('tuan-1', merging.id)).toBe(1);
  });
});

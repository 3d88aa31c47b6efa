import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { anonymiseParticipant, updateParticipant } from '../../src/storage/repos/participants.ts';
import { audiencePage, countAudience, recipientNow, type AudienceSpec } from '../../src/storage/repos/reminders.ts';
import { addPeople, at, Clock, playAttempt, testApp, tempDir } from '../support/reminders/harness.ts';

let app: App;
let tmp: ReturnType<typeof tempDir>;
const clock = new Clock(at('2030-07-05T10:00:00'));

beforeEach(async () => {
  tmp = tempDir();
  app = await testApp(tmp.path, clock);
});
afterEach(async () => {
  await app.close();
  tmp.remove();
});

const spec = (over: Partial<AudienceSpec> = {}): AudienceSpec => ({ kind: 'reminder', roundId: 'tuan-1', attemptsPerRound: 3, channels: ['telegram', 'zalo'], scope: null, ...over });

describe('reminder audiences', () => {
  it('should target people without a finished attempt and those who can still improve, never the others', async () => {
    const [fresh, improving, perfect, usedUp, optedOut, deleted, blocked, unregistered] = await addPeople(app, 8);
    await playAttempt(app, improving!, 6);
    await playAttempt(app, perfect!, 10);
    for (let i = 0; i < 3; i++) await playAttempt(app, usedUp!, 5);
    await updateParticipant(app.db, optedOut!, { reminders_off: 1 });
    await anonymiseParticipant(app.db, deleted!, clock.now());
    await app.db.updateTable('accounts').set({ unreachable: 1 }).where('participant_id', '=', blocked!).execute();
    await updateParticipant(app.db, unregistered!, { registered_at: null });

    const page = await audiencePage(app.db, spec(), 0, 100);
    expect(page.map((p) => [p.id, p.audience])).toEqual([
      [fresh, 'start'],
      [improving, 'improve'],
    ]);
    expect(page[1]).toMatchObject({ bestScore: 6, questionCount: 10, finished: 1 });
    expect(await countAudience(app.db, spec())).toBe(2);
    expect(await recipientNow(app.db, spec(), perfect!)).toBeUndefined();
    expect(await recipientNow(app.db, spec(), optedOut!)).toBeUndefined();
  });

  it('should treat a new round as not yet played', async () => {
    const [p] = await addPeople(app, 1);
    await playAttempt(app, p!, 10);
    expect(await recipientNow(app.db, spec(), p!)).toBeUndefined();
    expect(await recipientNow(app.db, spec({ roundId: 'tuan-2' }), p!)).toMatchObject({ audience: 'start' });
  });

  it('should send announcements to every reachable registered person, finished or opted out of reminders', async () => {
    const [a, b, c, d] = await addPeople(app, 4);
    await playAttempt(app, a!, 10);
    await updateParticipant(app.db, b!, { reminders_off: 1 });
    await app.db.updateTable('accounts').set({ unreachable: 1 }).where('participant_id', '=', c!).execute();
    await anonymiseParticipant(app.db, d!, clock.now());
    const page = await audiencePage(app.db, spec({ kind: 'announcement', roundId: null }), 0, 100);
    expect(page.map((p) => [p.id, p.audience])).toEqual([
      [a, 'all'],
      [b, 'all'],
    ]);
  });

  it('should page by participant id, keep to the channels it can reach and to a commune scope', async () => {
    const tg = await addPeople(app, 5);
    await addPeople(app, 3, { channel: 'terminal', from: 100 });
    const first = await audiencePage(app.db, spec(), 0, 2);
    const rest = await audiencePage(app.db, spec(), first.at(-1)!.id, 100);
    expect([...first, ...rest].map((p) => p.id)).toEqual(tg);
    const commune = first[0]!.communeCode!;
    const scoped = await audiencePage(app.db, spec({ scope: commune }), 0, 100);
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.every((p) => p.communeCode === commune)).toBe(true);
    expect(await countAudience(app.db, spec({ channels: [] }))).toBe(0);
  });
});

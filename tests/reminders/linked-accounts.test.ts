import { afterEach, describe, expect, it } from 'vitest';
import { FakeChannel } from '../support/reminders/fake-channel.ts';
import { addPeople, at, playAttempt, statuses } from '../support/reminders/harness.ts';
import { communeCodes, webPerson } from '../helpers/web-person.ts';
import { rig, type Rig } from './support.ts';

const SLOT = '2030-07-10-0800';
let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

/** Reminders go to a person's chat account (issue 23): a merged person once, an attached one on their new chat, a web-only one never. */
describe('reminders to people with several accounts', () => {
  it('should reach a merged person once on their chat account, an attached one on the attached chat, and no web-only person', async () => {
    const channel = new FakeChannel();
    r = await rig(at('2030-07-10T07:00:00'), channel);
    const app = r.app;
    const [commune] = communeCodes(app);
    const [merged] = await addPeople(app, 2);
    const codeOf = async (id: number) => (await app.services.links.codeFor(id))!.code;

    const toMerge = await webPerson(app, 'w-merge', 'Web Gộp', commune!);
    await playAttempt(app, toMerge.id, 4);
    expect(await app.services.links.redeem(await codeOf(toMerge.id), { channel: 'telegram', userId: 'u0', chatId: 'c0' })).toMatchObject({ kind: 'merged', attemptsMoved: 1 });
    const toAttach = await webPerson(app, 'w-attach', 'Web Nối', commune!);
    expect(await app.services.links.redeem(await codeOf(toAttach.id), { channel: 'telegram', userId: 'tg-new', chatId: 'chat-new' })).toMatchObject({ kind: 'attached' });
    const webOnly = await webPerson(app, 'w-only', 'Web Riêng', commune!);
    expect(await app.services.links.codeFor(webOnly.id)).toBeDefined();

    r.clock.set(at('2030-07-10T08:05:00'));
    await r.sweepAndSettle();
    expect(await statuses(app, SLOT)).toEqual({ sent: 3 });
    expect(channel.sent.map((s) => s.chatId).sort()).toEqual(['c0', 'c1', 'chat-new']);
    // The merged person: the web attempt (4 of 10) counts, so they are asked to improve, on their chat.
    const deliveries = await app.db.selectFrom('reminder_deliveries').select(['participant_id', 'channel', 'audience']).orderBy('participant_id').execute();
    expect(deliveries.find((d) => d.participant_id === merged)).toEqual({ participant_id: merged, channel: 'telegram', audience: 'improve' });
    expect(deliveries.some((d) => d.participant_id === webOnly.id || d.participant_id === toMerge.id)).toBe(false);
  });
});

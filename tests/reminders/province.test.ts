import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeChannel } from '../support/reminders/fake-channel.ts';
import { addPeople, at, tmpDir, waitFor } from '../support/reminders/harness.ts';
import { rig, type Rig } from './support.ts';

let r: Rig | undefined;
const dirs: { cleanup: () => void }[] = [];
afterEach(async () => {
  await r?.stop();
  r = undefined;
  for (const d of dirs.splice(0)) d.cleanup();
});

/** The shipped 2023 campaign with a `reminders:` block of the test's own. */
function campaignWith(reminders: string): string {
  const dir = tmpDir();
  dirs.push(dir);
  const file = join(dir.dir, 'campaign.yaml');
  writeFileSync(file, `${readFileSync('campaigns/bac-son-2023.yaml', 'utf8')}\nreminders:\n${reminders}`);
  return file;
}

describe('reminders at a province\u2019s scale', () => {
  it('should spread the audience by commune over two slots: each person once, whole communes per slot', async () => {
    const channel = new FakeChannel();
    r = await rig(at('2030-07-09T07:00:00'), channel, {}, { env: { CAMPAIGN_FILE: campaignWith('  spread: { by: commune, slots: 2 }\n') } });
    await addPeople(r.app, 36); // 2 people in each of the 18 communes
    const overview = await r.admin('/nhacnho');
    expect(overview).toContain('Khung giờ tiếp theo: 08:00 09/07/2030 (hiện có 18 người cần nhắc).');
    expect(overview).toMatch(/Người nhận được chia theo xã, thị trấn thành 2 phần, mỗi khung giờ nhắc một phần: khung giờ tiếp theo nhắc phần [12]\/2 \(9 xã, thị trấn\)\./u);

    r.clock.set(at('2030-07-09T08:05:00'));
    await r.sweepAndSettle();
    const first = channel.sent.map((s) => s.chatId);
    r.clock.set(at('2030-07-10T08:05:00'));
    await r.sweepAndSettle();
    const second = channel.sent.slice(first.length).map((s) => s.chatId);

    expect(first).toHaveLength(18);
    expect(second).toHaveLength(18);
    expect(new Set([...first, ...second]).size).toBe(36);
    const communeOf = new Map((await r.app.db.selectFrom('participants').select(['chat_id', 'commune_code']).execute()).map((p) => [p.chat_id, p.commune_code]));
    const communes = (chats: string[]) => new Set(chats.map((c) => communeOf.get(c)));
    expect(communes(first).size).toBe(9);
    expect([...communes(first)].some((c) => communes(second).has(c))).toBe(false);
  });

  it('should say in /nhacnho and in the worker\u2019s log when a slot\u2019s audience cannot be reached within its window', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    // 6 people at 0.0005 messages/s need 12,000 s, the same 3 h 20 min as 300,000 people at Telegram's 25/s.
    const file = campaignWith('  channels:\n    telegram: { per_second: 0.0005 }\n');
    r = await rig(at('2030-07-09T07:00:00'), new FakeChannel(), {}, { env: { CAMPAIGN_FILE: file }, log });
    await addPeople(r.app, 6);
    expect(await r.admin('/nhacnho')).toContain('⚠️ telegram: 6 người ở 0,0005 tin/giây cần 3 giờ 20 phút, dài hơn thời hạn 2 giờ của khung giờ');

    r.clock.set(at('2030-07-09T08:01:00'));
    await r.rem.sweep();
    await waitFor('the warning in the log', () => lines.some((l) => l.includes('cannot reach its audience')));
    const warning = JSON.parse(lines.find((l) => l.includes('cannot reach its audience'))!) as Record<string, unknown>;
    expect(warning).toMatchObject({ runId: '2030-07-09-0800', channel: 'telegram', people: 6, perSecond: 0.0005, neededMinutes: 200, windowMinutes: 119 });
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../src/contract/messages.ts';
import { FakeChannel } from '../support/reminders/fake-channel.ts';
import { addPeople, at, statuses, tempDir, waitFor } from '../support/reminders/harness.ts';
import { rig, type Rig } from './support.ts';

const TOWN = '06325';
const OTHER = '06373';
let r: Rig | undefined;
let tmp: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
  tmp?.remove();
});

const idIn = (reply: string) => /\/xacnhan ([a-z0-9-]+)/u.exec(reply)![1]!;

/** The town's official (on Zalo) typing to the bot. */
async function townOfficial(rig: Rig, text: string): Promise<string> {
  const event: InboundEvent = { channel: 'zalo', userId: 'z-town', chatId: 'z-town', isAdmin: false, capabilities: rig.channel.capabilities, inviteLink: (p) => p, input: { kind: 'text', text } };
  return (await rig.app.conversation.handle(event)).messages.map((m) => m.text).join('\n');
}

/** The shipped campaign with a unit limit of `n` announcements a day. */
function campaignWithLimit(n: number): string {
  tmp = tempDir();
  const file = join(tmp.path, 'campaign.yaml');
  writeFileSync(file, readFileSync('campaigns/bac-son-2023.yaml', 'utf8').replace('announcements_per_day: 3', `announcements_per_day: ${n}`));
  return file;
}

describe("a unit official's announcements", () => {
  it('should reach the unit’s people only, at most the campaign’s number a day', async () => {
    const channel = new FakeChannel();
    r = await rig(at('2030-07-10T10:00:00'), channel, {}, { env: { CAMPAIGN_FILE: campaignWithLimit(2) } });
    await addPeople(r.app, 3, { commune: TOWN });
    await addPeople(r.app, 2, { commune: OTHER, from: 3 });
    const created = await r.app.services.officials.createCode(TOWN, { channel: 'telegram', userId: 'official-1' });
    if (created.kind !== 'created') throw new Error('no code');
    const say = (text: string) => townOfficial(r!, text);
    expect(await say(`/nhanquyen ${created.code}`)).toContain('Bạn đã được cấp quyền cán bộ Thị trấn Bắc Sơn');

    const first = await say('/thongbao Họp dân lúc 19 giờ tại nhà văn hóa.');
    expect(first).toContain('tới 3 người');
    const id = idIn(first);
    expect(await say(`/xacnhan ${id}`)).toContain('Đã đưa vào hàng đợi');
    await waitFor('sent', async () => (await statuses(r!.app, id)).sent === 3);
    expect(channel.sent.map((s) => s.chatId).sort()).toEqual(['c0', 'c1', 'c2']);

    // Two asked at once: the first confirmation takes the day's second announcement, the other is refused.
    const [a, b] = [idIn(await say('/thongbao Lần hai')), idIn(await say('/thongbao Lần ba'))];
    expect(await say(`/xacnhan ${a}`)).toContain('Đã đưa vào hàng đợi');
    expect(await say(`/xacnhan ${b}`)).toContain('Đơn vị đã gửi đủ 2 thông báo hôm nay');
    expect(await say('/thongbao Lần bốn')).toContain('Đơn vị đã gửi đủ 2 thông báo hôm nay');
    await waitFor('second sent', async () => (await statuses(r!.app, a)).sent === 3);
    expect(channel.sent.filter((s) => ['c3', 'c4'].includes(s.chatId))).toEqual([]);
    const overview = await say('/nhacnho');
    expect(overview).toContain('Thông báo của đơn vị hôm nay: 2/2.');
    expect(overview).toContain('thông báo "Lần hai": 3 / 3 / 0 / 0');
    expect(overview).toContain('thông báo "Lần ba": không gửi (đã đủ số thông báo trong ngày)');

    // The next local day, the unit may announce again.
    r.clock.set(at('2030-07-11T10:00:00'));
    expect(await say('/thongbao Ngày mới')).toContain('tới 3 người');
  });

  it('should not let a unit official start a reminder slot or confirm the district’s announcement', async () => {
    const channel = new FakeChannel();
    r = await rig(at('2030-07-10T08:05:00'), channel);
    await addPeople(r.app, 2, { commune: TOWN });
    const created = await r.app.services.officials.createCode(TOWN, { channel: 'telegram', userId: 'official-1' });
    if (created.kind !== 'created') throw new Error('no code');
    await r.app.services.officials.redeem(created.code, { channel: 'zalo', userId: 'z-town', isDistrict: false });
    const say = (text: string) => townOfficial(r!, text);
    expect(await say('/xacnhan 2030-07-10-0800')).toContain('Không có yêu cầu');
    const district = idIn(await r.admin('/thongbao Của huyện'));
    expect(await say(`/xacnhan ${district}`)).toContain('Không có yêu cầu');
    expect(await say(`/xacnhan huy ${district}`)).toContain('Không có yêu cầu');
    expect(await r.app.db.selectFrom('reminder_runs').select(['run_id', 'status']).execute()).toEqual([{ run_id: district, status: 'pending_confirmation' }]);
    expect(channel.sent).toEqual([]);
  });
});

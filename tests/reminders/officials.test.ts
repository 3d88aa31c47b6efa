import { afterEach, describe, expect, it } from 'vitest';
import { SendError } from '../../src/contract/channel.ts';
import { updateParticipant } from '../../src/storage/repos/participants.ts';
import { countByChat, FakeChannel } from '../support/reminders/fake-channel.ts';
import { addPeople, at, playAttempt, statuses, waitFor } from '../support/reminders/harness.ts';
import { rig, type Rig } from './support.ts';

let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

const idIn = (reply: string) => /\/xacnhan ([a-z0-9-]+)/u.exec(reply)![1]!;

describe("officials' reminder commands", () => {
  it('/nhacnho should show the schedule, the next slot and figures that match what was sent', async () => {
    const channel = new FakeChannel({ fault: (chatId) => (chatId === 'c2' ? new SendError('unreachable', 'Forbidden', 'telegram') : undefined) });
    r = await rig(at('2030-07-09T08:10:00'), channel);
    const ids = await addPeople(r.app, 6);
    await playAttempt(r.app, ids[5]!, 10); // perfect: not targeted
    await r.sweepAndSettle();
    await updateParticipant(r.app.db, ids[4]!, { reminders_off: 1 });
    r.clock.set(at('2030-07-10T08:03:00'));
    await r.sweepAndSettle();
    r.clock.set(at('2030-07-10T12:00:00'));
    const text = await r.admin('/nhacnho');
    expect(text).toContain('Hằng ngày: 08:00');
    expect(text).toContain('Gần hạn: 19:00 các ngày D-7, D-3, D-1');
    expect(text).toContain('21:00–07:00');
    expect(text).toContain('Khung giờ tiếp theo: 08:00 11/07/2030 (hiện có 4 người cần nhắc)');
    // 9/7 (round 1): 5 targeted, 4 sent, 1 failed (blocked). 10/7 (round 2 opened): the blocked and the opted-out
    // ones are out, the perfect scorer of round 1 is in again.
    expect(text).toContain('• 08:00 09/07/2030: 5 / 4 / 1 / 0');
    expect(text).toContain('• 08:00 10/07/2030: 4 / 4 / 0 / 0');
    expect(text).toContain('• 08:00 03/07/2030: không gửi (hệ thống không chạy)');
    expect(channel.sent).toHaveLength(8);
    expect(await statuses(r.app, '2030-07-09-0800')).toEqual({ sent: 4, failed: 1 });
  });

  it('/guinhacnho should ask first, send the current slot once, and refuse in quiet hours', async () => {
    const channel = new FakeChannel();
    r = await rig(at('2030-07-10T22:00:00'), channel);
    await addPeople(r.app, 3);
    expect(await r.admin('/guinhacnho')).toContain('giờ yên lặng');
    r.clock.set(at('2030-07-11T14:00:00')); // between slots: a manual run
    const ask = await r.admin('/guinhacnho');
    expect(ask).toContain('tới 3 người');
    expect(channel.sent).toHaveLength(0);
    const id = idIn(ask);
    expect(id).toMatch(/^m-2030-07-11-1400$/u);
    expect(await r.admin('', `cmd:xacnhan ${id}`)).toContain('Đã đưa vào hàng đợi');
    await waitFor('sent', async () => (await statuses(r!.app, id)).sent === 3);
    expect(await r.admin('', `cmd:xacnhan ${id}`)).toContain('Không có yêu cầu');
    expect(channel.sent).toHaveLength(3);
  });

  it('/thongbao should send the text unchanged to every reachable participant after one confirmation, even in quiet hours', async () => {
    const channel = new FakeChannel();
    r = await rig(at('2030-07-10T22:30:00'), channel);
    const ids = await addPeople(r.app, 4);
    await updateParticipant(r.app.db, ids[0]!, { reminders_off: 1 });
    await r.app.db.updateTable('accounts').set({ unreachable: 1 }).where('participant_id', '=', ids[1]!).execute();
    const body = 'Thông báo: tối nay 23:00 bảo trì hệ thống 15 phút.\nXin cảm ơn!';
    const ask = await r.admin(`/thongbao ${body}`);
    expect(ask).toContain('tới 3 người');
    expect(ask).toContain(body);
    const id = idIn(ask);
    expect(await r.admin('', `cmd:xacnhan huy ${id}`)).toContain('Đã hủy');
    expect(await r.admin('', `cmd:xacnhan ${id}`)).toContain('Không có yêu cầu');
    const id2 = idIn(await r.admin(`/thongbao ${body}`));
    await Promise.all([r.admin('', `cmd:xacnhan ${id2}`), r.admin(`/xacnhan ${id2}`)]);
    await waitFor('sent', async () => (await statuses(r!.app, id2)).sent === 3);
    expect(channel.sent.map((s) => s.text)).toEqual([body, body, body]);
    expect(countByChat(channel.sent).has('c1')).toBe(false);
    expect(await r.admin('/thongbao   ')).toContain('Cách dùng');
  });

  it('should answer citizens who try an official command with the citizen help only', async () => {
    r = await rig(at('2030-07-10T10:00:00'), new FakeChannel());
    await addPeople(r.app, 1);
    const reply = await r.app.conversation.handle({ channel: 'telegram', userId: 'u0', chatId: 'c0', isAdmin: false, capabilities: r.channel.capabilities, inviteLink: (p) => p, input: { kind: 'text', text: '/thongbao hello' } });
    expect(reply.messages[0]!.text).toContain('Hướng dẫn');
    expect(await r.app.db.selectFrom('reminder_runs').selectAll().execute()).toEqual([]);
  });
});

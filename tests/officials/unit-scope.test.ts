import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import type { OutMessage } from '../../src/contract/messages.ts';
import { buildResultsWorkbook } from '../../src/documents/results-workbook.ts';
import { viOfficials } from '../../src/messages/vi.ts';
import { createTestApp, testClock } from '../helpers/app.ts';
import { copyBank, provinceCampaign } from '../helpers/bank.ts';
import { grantUnit, notOf, NV, NV_PEOPLE, PEOPLE, seedUnitsAndAgencies, TOWN, VU_LE, workbookText } from '../helpers/officials.ts';

const DISTRICT = '900001';

/** What a reply lets through: its texts, and every cell of a workbook it carries. */
async function shown(messages: OutMessage[]): Promise<string> {
  const parts: string[] = [];
  for (const m of messages) {
    parts.push(m.text ?? '');
    if (m.document?.filename.endsWith('.xlsx')) parts.push((await workbookText(m.document.content)).text);
  }
  return parts.join('\n');
}

/**
 * Every chat command that takes a unit, from a unit official on Telegram and on Zalo, with each odd form of the unit:
 * their own unit, or the refusal that names it — never another unit's row.
 */
describe("unit officials' chat commands under odd unit arguments", () => {
  const bank = copyBank();
  const clock = testClock('2023-07-05T09:00:00+07:00');
  let app: App;

  beforeAll(async () => {
    app = await createTestApp({ now: clock.now, dir: bank.tmp, env: { QUESTION_BANK_DIR: bank.dir, CAMPAIGN_FILE: provinceCampaign(bank), ADMIN_TELEGRAM_IDS: DISTRICT } });
    await seedUnitsAndAgencies(app);
    await grantUnit(app, TOWN.code, { channel: 'telegram', userId: '5001' }, DISTRICT);
    await grantUnit(app, NV.code, { channel: 'zalo', userId: 'zalo-nv' }, DISTRICT);
  });
  afterAll(async () => {
    await app?.close();
    bank.cleanup();
  });

  const say = async (channel: string, userId: string, text: string) =>
    (
      await app.conversation.handle({
        channel,
        userId,
        chatId: userId,
        chatKind: 'private',
        isAdmin: false,
        capabilities: { buttons: channel === 'telegram', maxLength: channel === 'telegram' ? 4096 : 2000, contactButton: channel === 'telegram' },
        inviteLink: (payload) => (channel === 'telegram' ? `https://t.me/bot?start=${payload}` : `/start ${payload}`),
        input: { kind: 'text', text },
      })
    ).messages;

  const COMMANDS = ['bxh', 'thongke', 'chuathi', 'link', 'xuat', 'nhacnho'];
  const officials = [
    { who: 'the town’s official on Telegram', channel: 'telegram', userId: '5001', unit: TOWN, own: PEOPLE[TOWN.code]!, other: VU_LE.code, sameInOtherCase: TOWN.code },
    { who: 'the agency’s official on Zalo', channel: 'zalo', userId: 'zalo-nv', unit: NV, own: NV_PEOPLE, other: 'TP', sameInOtherCase: 'nv' },
  ];

  it("should refuse a results workbook of a unit that is none (an empty or a parent's code) rather than give the whole district's", async () => {
    for (const code of ['', ' ', '185', 'xyz']) await expect(app.services.exports.results(code), code).rejects.toThrow(/unknown unit/u);
    expect((await workbookText(await buildResultsWorkbook(app.campaign, await app.services.exports.results(NV.code)))).text).toContain('Phan Văn Nội');
  });

  for (const o of officials) {
    it(`should answer ${o.who} with their own unit or the refusal, on every command that takes a unit`, async () => {
      const refusal = viOfficials.otherUnit(o.unit.name);
      /** [odd form, arguments, refused?] */
      const forms: [string, string, boolean][] = [
        ['absent', '', false],
        ['blank', '   ', false],
        ['own', o.unit.code, false],
        ['other case', o.sameInOtherCase, false],
        ['repeated (own twice)', `${o.unit.code} ${o.unit.code}`, false],
        ['repeated (own and another)', `${o.unit.code} ${o.other}`, true],
        ['repeated (another and own)', `${o.other} ${o.unit.code}`, true],
        ['another unit', o.other, true],
        ['another unit, other case', o.other.toLowerCase(), true],
        ['a commune for an agency, an agency for a commune', o.unit === NV ? TOWN.code : NV.code, true],
        ["a parent's code", '185', true],
        ['another parent', 't01', true],
      ];
      for (const command of COMMANDS) {
        for (const [form, args, refused] of forms) {
          const label = `/${command} ${args} (${form})`;
          const messages = await say(o.channel, o.userId, `/${command} ${args}`);
          const text = await shown(messages);
          for (const s of notOf(o.own)) expect(text, label).not.toContain(s);
          if (refused) {
            expect(text, label).toBe(refusal);
            continue;
          }
          expect(text, label).not.toContain(refusal);
          expect(text, label).toContain(o.unit.name);
          if (command === 'bxh' || command === 'xuat') expect(text, label).toContain(o.own[0]);
          if (command === 'link') expect(text, label).toContain(`u-${o.unit.code}`);
        }
      }
    });
  }
});

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../helpers/app.ts';
import { copyBank, provinceCampaign } from '../helpers/bank.ts';
import { grantUnit, notOf, NV, NV_PEOPLE, PEOPLE, seedUnitsAndAgencies, TOWN, VU_LE, workbookText } from '../helpers/officials.ts';
import { askWeb, DISTRICT_ID, getAs, LINK, mainText, openSignInPage, postForm, signIn } from './dashboard-support.ts';
import { startWebApp } from './support.ts';

/** What a response lets through: the page's text, or every cell of a workbook. */
async function shown(res: LightMyRequestResponse): Promise<string> {
  if (res.statusCode === 200 && res.headers['content-type']?.toString().includes('spreadsheetml')) return (await workbookText(res.rawPayload)).text;
  return mainText(res.body);
}

/**
 * A unit official's odd parameters, on every dashboard route that takes a unit (pages and downloads), and a district
 * official's bad unit filters: own unit only, or 400/403 — never another unit's row, never a 500.
 */
describe("the dashboard's unit scope under odd parameters", () => {
  const bank = copyBank();
  const clock = testClock('2023-07-05T09:00:00+07:00');
  let web: Awaited<ReturnType<typeof startWebApp>>;
  const http = () => web.http.fastify;
  const sessions: Record<'town' | 'nv' | 'district', string> = { town: '', nv: '', district: '' };

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: bank.tmp, env: { ADMIN_TELEGRAM_IDS: DISTRICT_ID, QUESTION_BANK_DIR: bank.dir, CAMPAIGN_FILE: provinceCampaign(bank) } });
    const { app } = web;
    await seedUnitsAndAgencies(app);
    await grantUnit(app, TOWN.code, { channel: 'telegram', userId: '5001' }, DISTRICT_ID);
    await grantUnit(app, NV.code, { channel: 'zalo', userId: 'zalo-nv' }, DISTRICT_ID);
    const session = async (userId: string, channel = 'telegram', isAdmin = false) => signIn(http(), LINK.exec((await askWeb(app, userId, channel, isAdmin)).text)![2]!);
    sessions.town = await session('5001');
    sessions.nv = await session('zalo-nv', 'zalo');
    sessions.district = await session(DISTRICT_ID, 'telegram', true);
  });
  afterAll(async () => {
    await web.close();
    bank.cleanup();
  });

  /** [odd form, URL, status]: the town's official (06325, of parent 185). */
  const TOWN_CASES: [string, string, number][] = [
    ['workbook, absent', '/quan-tri/tai-ve/bao-cao.xlsx', 200],
    ['workbook, own code', `/quan-tri/tai-ve/bao-cao.xlsx?don-vi=${TOWN.code}`, 200],
    ['workbook, empty', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=', 400],
    ['workbook, blank', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=%20', 400],
    ['workbook, repeated (own twice)', `/quan-tri/tai-ve/bao-cao.xlsx?don-vi=${TOWN.code}&don-vi=${TOWN.code}`, 400],
    ['workbook, repeated (own and another)', `/quan-tri/tai-ve/bao-cao.xlsx?don-vi=${TOWN.code}&don-vi=${VU_LE.code}`, 400],
    ['workbook, another unit', `/quan-tri/tai-ve/bao-cao.xlsx?don-vi=${VU_LE.code}`, 403],
    ['workbook, an agency', `/quan-tri/tai-ve/bao-cao.xlsx?don-vi=${NV.code}`, 403],
    ["workbook, the parent's code", '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=185', 400],
    ['workbook, unknown code', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=xyz', 400],
    ['workbook, another name', `/quan-tri/tai-ve/bao-cao.xlsx?unit=${VU_LE.code}`, 200],
    ['people, absent', '/quan-tri/don-vi', 403],
    ['people, empty', '/quan-tri/don-vi/', 403],
    ['people, blank', '/quan-tri/don-vi/%20', 403],
    ['people, own', `/quan-tri/don-vi/${TOWN.code}`, 200],
    ['people, search repeated', `/quan-tri/don-vi/${TOWN.code}?q=a&q=b`, 400],
    ['people, status repeated', `/quan-tri/don-vi/${TOWN.code}?status=all&status=waiting`, 400],
    ['people, page repeated', `/quan-tri/don-vi/${TOWN.code}?page=1&page=2`, 400],
    ['people, another unit', `/quan-tri/don-vi/${VU_LE.code}`, 403],
    ["people, the parent's code", '/quan-tri/don-vi/185', 403],
    ['people, another unit in the query', `/quan-tri/don-vi/${TOWN.code}?don-vi=${VU_LE.code}`, 200],
    ['units list, parent filter', '/quan-tri/don-vi?parent=185', 403],
    ['units list, repeated', '/quan-tri/don-vi?kind=commune&kind=agency', 400],
    ['overview, another unit named', `/quan-tri?don-vi=${VU_LE.code}`, 200],
    ['overview, repeated', `/quan-tri?don-vi=${VU_LE.code}&don-vi=${TOWN.code}`, 400],
    ['downloads page, another unit named', `/quan-tri/tai-ve?don-vi=${VU_LE.code}`, 200],
  ];

  /** The agency's official (code NV): the same forms, and its code in another case. */
  const NV_CASES: [string, string, number][] = [
    ['workbook, absent', '/quan-tri/tai-ve/bao-cao.xlsx', 200],
    ['workbook, other case', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=nv', 200],
    ['workbook, empty', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=', 400],
    ['workbook, blank', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=+', 400],
    ['workbook, repeated', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=NV&don-vi=nv', 400],
    ['workbook, another agency', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=TP', 403],
    ['workbook, its members’ commune', `/quan-tri/tai-ve/bao-cao.xlsx?don-vi=${TOWN.code}`, 403],
    ['people, other case', '/quan-tri/don-vi/nv', 200],
    ['people, another agency', '/quan-tri/don-vi/tp', 403],
    ['people, search repeated', '/quan-tri/don-vi/NV?q=N&q=P', 400],
  ];

  const OWN = { town: PEOPLE[TOWN.code]!, nv: NV_PEOPLE };
  for (const [who, cases] of [['town', TOWN_CASES], ['nv', NV_CASES]] as const) {
    it(`should give ${who === 'town' ? "the town's" : "the agency's"} official their own unit or 400/403, never another unit's row or a 500`, async () => {
      const got: [string, number][] = [];
      for (const [form, url, status] of cases) {
        const res = await getAs(http(), url, sessions[who]);
        got.push([form, res.statusCode]);
        const text = await shown(res);
        for (const s of notOf(OWN[who])) expect(text, `${form}: ${url}`).not.toContain(s);
        if (res.statusCode === 400) expect(text, form).toContain('Yêu cầu không hợp lệ');
        if (res.statusCode === 403) expect(text, form).toContain('Không có quyền truy cập');
        if (status === 200 && url.includes('bao-cao.xlsx')) expect(text, form).toContain(OWN[who][0]);
        if (status === 200 && url.includes('/quan-tri/don-vi/')) expect(text, form).toContain(OWN[who][0]);
      }
      expect(got).toEqual(cases.map(([form, , status]) => [form, status]));
    });
  }

  it("should refuse a district official's unit filter that is not one known code (400), and apply one that is", async () => {
    const cases: [string, string, number][] = [
      ['workbook, empty', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=', 400],
      ['workbook, blank', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=%20%20', 400],
      ['workbook, unknown', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=xyz', 400],
      ['workbook, a parent', '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=185', 400],
      ['workbook, repeated', `/quan-tri/tai-ve/bao-cao.xlsx?don-vi=${VU_LE.code}&don-vi=${VU_LE.code}`, 400],
      ['units list, unknown parent', '/quan-tri/don-vi?parent=xyz', 400],
      ['units list, blank parent', '/quan-tri/don-vi?parent=%20', 400],
      ['units list, repeated parent', '/quan-tri/don-vi?parent=185&parent=T01', 400],
      ['units list, "all" from the form', '/quan-tri/don-vi?kind=commune&parent=&sort=rank', 200],
      ['people, unknown unit', '/quan-tri/don-vi/xyz', 404],
    ];
    const got: [string, number][] = [];
    for (const [form, url] of cases) got.push([form, (await getAs(http(), url, sessions.district)).statusCode]);
    expect(got).toEqual(cases.map(([form, , status]) => [form, status]));
    const vuLe = await workbookText((await getAs(http(), `/quan-tri/tai-ve/bao-cao.xlsx?don-vi=${VU_LE.code}`, sessions.district)).rawPayload);
    expect(vuLe.text).toContain('Đinh Văn Khác');
    for (const s of notOf(PEOPLE[VU_LE.code]!)) expect(vuLe.text).not.toContain(s);
    const nv = await workbookText((await getAs(http(), '/quan-tri/tai-ve/bao-cao.xlsx?don-vi=nv', sessions.district)).rawPayload);
    expect(nv.text).toContain('Phan Văn Nội');
    for (const s of notOf(NV_PEOPLE)) expect(nv.text).not.toContain(s);
    const parent = mainText((await getAs(http(), '/quan-tri/don-vi?parent=t01', sessions.district)).body);
    expect(parent).toContain(VU_LE.name);
    expect(parent).not.toContain(TOWN.name);
  });

  it('should refuse a form whose field is given twice or is not a string (400), and leave the sign-in link unspent', async () => {
    const token = LINK.exec((await askWeb(web.app, DISTRICT_ID)).text)![2]!;
    const page = await openSignInPage(http(), token);
    const twice = await http().inject({
      method: 'POST',
      url: '/quan-tri/dang-nhap',
      payload: `t=${token}&t=${token}&csrf=${page.csrf}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.cookie },
      remoteAddress: '192.0.2.40',
    });
    expect([twice.statusCode, mainText(twice.body)]).toEqual([400, expect.stringContaining('tham số lặp lại')]);
    const json = await http().inject({ method: 'POST', url: '/quan-tri/dang-nhap', payload: { t: [token], csrf: page.csrf }, headers: { cookie: page.cookie }, remoteAddress: '192.0.2.40' });
    expect(json.statusCode).toBe(400);
    const object = await http().inject({ method: 'POST', url: '/quan-tri/dang-nhap', payload: { t: { toString: token }, csrf: page.csrf }, headers: { cookie: page.cookie }, remoteAddress: '192.0.2.40' });
    expect(object.statusCode).toBe(400);
    const ok = await postForm(http(), '/quan-tri/dang-nhap', { t: token, csrf: page.csrf }, { cookie: page.cookie, ip: '192.0.2.40' });
    expect(ok.statusCode).toBe(303);
    const getTwice = await http().inject({ method: 'GET', url: `/quan-tri/dang-nhap?t=${token}&t=x` });
    expect(getTwice.statusCode).toBe(400);
  });
});

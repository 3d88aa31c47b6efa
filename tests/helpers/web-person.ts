import type { App } from '../../src/app.ts';
import { sortUnits } from '../../src/bank/units.ts';
import type { Person } from '../../src/services/participants.ts';

/**
 * A web-only person (channel `web`, a random-looking account id), registered through the participants service as the
 * web registration pages will: consent, commune, name, done. `opts.payload`: an invite payload ("r-<code>", "u-<unit>").
 */
export async function webPerson(app: App, accountId: string, name: string, communeCode: string, opts: { payload?: string; phone?: string } = {}): Promise<Person> {
  const { person } = await app.services.participants.create({ channel: 'web', userId: accountId, chatId: accountId }, opts.payload);
  await app.services.participants.saveProfile(person.id, { consented: true, communeCode, agencyCode: null, fullName: name, phone: opts.phone ?? null }, { kind: 'ready' });
  return (await app.services.participants.find('web', accountId))!;
}

/** The communes' codes in the order the chat lists them (textUser's `register(name, n)` picks the n-th). */
export function communeCodes(app: App): string[] {
  return sortUnits(app.deps.units.filter((u) => u.kind === 'commune')).map((u) => u.code);
}

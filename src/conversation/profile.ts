import { deleteData, parseCommuneData, parseDeleteData } from '../contract/callback-data.ts';
import { matchTypedChoice } from '../contract/choices.ts';
import type { Choice, Reply } from '../contract/messages.ts';
import { vi } from '../messages/vi.ts';
import { notice, say, tapped, typed, type Feature, type PersonTurn } from './feature.ts';
import { communeChoices } from './registration.ts';

const deleteChoices = (): Choice[] => [
  { data: deleteData(true), label: vi.deleteYes, key: '1' },
  { data: deleteData(false), label: vi.deleteNo, key: '0' },
];

/** /doixa: the question (its answer is handled by `communeChange`). */
export async function askCommuneChange({ ctx, person }: PersonTurn): Promise<Reply> {
  if (!(await ctx.services.participants.canChangeCommune(person.id))) return say(vi.doixaRefused(ctx.campaign.labels));
  await ctx.services.participants.setStep(person.id, { kind: 'change_commune' });
  return { messages: [{ text: vi.doixaAsk(ctx.campaign.labels), choices: communeChoices(ctx.units), columns: 2 }] };
}

/** /xoadulieu: the question (its answer is handled by `dataDeletion`). */
export async function askDeletion({ ctx, person }: PersonTurn): Promise<Reply> {
  await ctx.services.participants.setStep(person.id, { kind: 'confirm_delete' });
  return { messages: [{ text: vi.deleteAsk, choices: deleteChoices() }] };
}

/** The commune picked after /doixa (tapped "c:…" or typed). */
export const communeChange: Feature = {
  name: 'commune change',
  async handle(turn) {
    const { ctx, person } = turn as PersonTurn;
    if (person.step.kind !== 'change_commune') return undefined;
    const data = tapped(turn);
    const text = typed(turn);
    if (data === undefined && text === undefined) return undefined;
    const code = data !== undefined ? parseCommuneData(data) : parseCommuneData(matchTypedChoice(text!, communeChoices(ctx.units))?.data ?? '');
    if (data !== undefined && code === undefined) return undefined;
    const outcome = code ? await ctx.services.participants.changeCommune(person.id, code) : 'unknown';
    if (outcome === 'unknown') return say(vi.communeUnknown(ctx.campaign.labels));
    if (outcome === 'refused') return say(vi.doixaRefused(ctx.campaign.labels));
    return say(vi.doixaDone(ctx.campaign.labels, ctx.units.find((u) => u.code === code)!.name));
  },
};

/** The answer to "delete my data?": yes erases name, phone and chat ids; anything else cancels. */
export const dataDeletion: Feature = {
  name: 'data deletion',
  async handle(turn) {
    const { ctx, person } = turn as PersonTurn;
    if (person.step.kind !== 'confirm_delete') return undefined;
    const data = tapped(turn);
    const text = typed(turn);
    const yes = data !== undefined ? parseDeleteData(data) : text !== undefined ? matchTypedChoice(text, deleteChoices())?.data === deleteData(true) : undefined;
    if (yes === undefined) return undefined;
    if (!yes) {
      await ctx.services.participants.setStep(person.id, { kind: 'ready' });
      return say(vi.deleteCancelled);
    }
    await ctx.services.privacy.deleteData(person.id);
    return say(vi.deleteDone);
  },
};

/** Whatever no feature took: a tap on an old button, or text the bot does not understand. */
export const unhandled: Feature = {
  name: 'unhandled',
  handle: (turn) => (turn.event.input.kind === 'choice' ? notice(vi.staleTap) : say(vi.unknownText)),
};

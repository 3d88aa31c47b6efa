import type { PresentationContext } from '../contract/context.ts';
import { deleteData, parseCommuneData, parseDeleteData } from '../contract/callback-data.ts';
import { matchTypedChoice } from '../contract/choices.ts';
import type { OutMessage, Reply } from '../contract/messages.ts';
import { vi } from '../messages/vi.ts';
import { answerCommuneConfirmation, askCommuneConfirmation } from './commune-confirm.ts';
import { notice, say, tapped, typed, type Feature, type PersonTurn } from './feature.ts';
import { communeChoices, deleteChoices } from './step-choices.ts';

/** /doixa: the question (its answer is handled by `communeChange`). */
export async function askCommuneChange({ ctx, person }: PersonTurn): Promise<Reply> {
  if (!(await ctx.services.participants.canChangeCommune(person.id))) return say(vi.doixaRefused(ctx.campaign.labels));
  await ctx.services.participants.setStep(person.id, { kind: 'change_commune' });
  return { messages: [doixaPrompt(ctx)] };
}

const doixaPrompt = (ctx: PresentationContext): OutMessage => ({ text: vi.doixaAsk(ctx.campaign.labels), choices: communeChoices(ctx.units), columns: 2 });

async function changeTo(turn: PersonTurn, code: string): Promise<OutMessage[]> {
  const { ctx, person } = turn;
  const labels = ctx.campaign.labels;
  const outcome = await ctx.services.participants.changeCommune(person.id, code);
  if (outcome === 'unknown') return [{ text: vi.communeUnknown(labels, turn.event.capabilities.buttons) }];
  if (outcome === 'refused') return [{ text: vi.doixaRefused(labels) }];
  return [{ text: vi.doixaDone(labels, ctx.units.find((u) => u.code === code)!.name) }];
}

/** /xoadulieu: the question (its answer is handled by `dataDeletion`). */
export async function askDeletion({ ctx, person }: PersonTurn): Promise<Reply> {
  await ctx.services.participants.setStep(person.id, { kind: 'confirm_delete' });
  return { messages: [{ text: vi.deleteAsk, choices: deleteChoices() }] };
}

/** The commune picked after /doixa: tapped "c:…" is stored, a typed one is asked back first ("Bạn chọn …?"). */
export const communeChange: Feature = {
  name: 'commune change',
  async handle(turn) {
    const t = turn as PersonTurn;
    const { ctx, person } = t;
    const step = person.step;
    if (step.kind === 'confirm_commune' && step.then === 'change') {
      const answered = await answerCommuneConfirmation(t, step, {
        confirmed: (code) => changeTo(t, code),
        again: async () => {
          await ctx.services.participants.setStep(person.id, { kind: 'change_commune' });
          return [doixaPrompt(ctx)];
        },
      });
      return answered && { messages: answered };
    }
    if (step.kind !== 'change_commune') return undefined;
    const data = tapped(turn);
    const text = typed(turn);
    if (data !== undefined) {
      const code = parseCommuneData(data);
      return code === undefined ? undefined : { messages: await changeTo(t, code) };
    }
    if (text === undefined) return undefined;
    const code = parseCommuneData(matchTypedChoice(text, communeChoices(ctx.units))?.data ?? '');
    return { messages: code ? await askCommuneConfirmation(t, code, 'change') : [{ text: vi.communeUnknown(ctx.campaign.labels, t.event.capabilities.buttons) }] };
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

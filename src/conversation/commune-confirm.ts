import type { CommuneChoiceFor, Step } from '../core/step.ts';
import { confirmCommuneData, parseCommuneData, parseConfirmCommuneData } from '../contract/callback-data.ts';
import { matchTypedChoice } from '../contract/choices.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { OutMessage } from '../contract/messages.ts';
import { vi } from '../messages/vi.ts';
import type { PersonTurn } from './feature.ts';
import { confirmCommuneChoices } from './step-choices.ts';

/** "Bạn chọn Xã Đồng Ý?" with 1. Đúng / 0. Chọn lại. */
export function communeConfirmPrompt(ctx: PresentationContext, code: string): OutMessage {
  const name = ctx.units.find((u) => u.code === code)?.name ?? code;
  return { text: vi.communeConfirm(name), choices: confirmCommuneChoices(), columns: 2 };
}

/** A commune was typed (registration or /doixa): remember it and ask back before it is stored. */
export async function askCommuneConfirmation(turn: PersonTurn, code: string, then: CommuneChoiceFor): Promise<OutMessage[]> {
  await turn.ctx.services.participants.setStep(turn.person.id, { kind: 'confirm_commune', code, then });
  return [communeConfirmPrompt(turn.ctx, code)];
}

export interface ConfirmOutcomes {
  /** Store `code` and go on. */
  confirmed(code: string): Promise<OutMessage[]>;
  /** Show the communes again. */
  again(): Promise<OutMessage[]>;
}

/**
 * The answer to "Bạn chọn …?": yes stores the commune, no asks again, a commune button tapped meanwhile counts as that
 * choice; other text repeats the question. Undefined for another tap (a stale button).
 */
export async function answerCommuneConfirmation(
  turn: PersonTurn,
  pending: Extract<Step, { kind: 'confirm_commune' }>,
  outcomes: ConfirmOutcomes,
): Promise<OutMessage[] | undefined> {
  const input = turn.event.input;
  if (input.kind === 'choice') {
    const yes = parseConfirmCommuneData(input.data);
    if (yes !== undefined) return yes ? outcomes.confirmed(pending.code) : outcomes.again();
    const tapped = parseCommuneData(input.data);
    return tapped ? outcomes.confirmed(tapped) : undefined;
  }
  const picked = input.kind === 'text' ? matchTypedChoice(input.text, confirmCommuneChoices()) : undefined;
  if (picked) return picked.data === confirmCommuneData(true) ? outcomes.confirmed(pending.code) : outcomes.again();
  return [communeConfirmPrompt(turn.ctx, pending.code)];
}

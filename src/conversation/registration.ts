import { foldText, parseFullName, parsePhone } from '../core/input.ts';
import { parseInvitePayload } from '../core/invites.ts';
import { REGISTRATION_ORDER, type RegistrationStepKind, type Step } from '../core/step.ts';
import { formatClosingDate, formatDate } from '../core/time.ts';
import { CONSENT_DATA, DISPLAY_NAME_DATA, SKIP_PHONE_DATA, commandData, parseAgencyData, parseCommuneData } from '../contract/callback-data.ts';
import { matchTypedChoice } from '../contract/choices.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';
import { vi } from '../messages/vi.ts';
import type { Person, ProfileChanges } from '../services/participants.ts';
import { answerCommuneConfirmation, askCommuneConfirmation, communeConfirmPrompt } from './commune-confirm.ts';
import { notice, reply, type Feature, type PersonTurn, type Turn } from './feature.ts';
import { agencyChoices, communeChoices, consentChoices } from './step-choices.ts';

function consentPrompt(ctx: PresentationContext): OutMessage {
  const hashesErasedOn = formatDate(ctx.services.privacy.identityHashesErasedAt(), ctx.campaign.timezone);
  return { text: vi.consentAsk(ctx.campaign.labels, ctx.campaign.privacy.law, hashesErasedOn), choices: consentChoices() };
}

function welcomeMessages(ctx: PresentationContext, notes: string[]): OutMessage[] {
  const c = ctx.campaign;
  return [{ text: [vi.welcome(c.title, c.organiser, formatClosingDate(c.closesAt, c.timezone), c.demo), ...notes].join('\n\n') }, consentPrompt(ctx)];
}

const unitName = (ctx: PresentationContext, code: string | null) => ctx.units.find((u) => u.code === code)?.name ?? '';

/** The prompt of a registration step (also re-sent when input was not understood). */
function stepPrompt(ctx: PresentationContext, step: RegistrationStepKind, event: InboundEvent): OutMessage {
  switch (step) {
    case 'consent':
      return consentPrompt(ctx);
    case 'commune':
      return { text: vi.communeAsk(ctx.campaign.labels), choices: communeChoices(ctx.units), columns: 2 };
    case 'agency':
      return { text: vi.agencyAsk, choices: agencyChoices(ctx.units), columns: 1 };
    case 'name': {
      const suggestion = event.displayName ? parseFullName(event.displayName) : undefined;
      return suggestion?.ok ? { text: vi.nameAsk, choices: [{ data: DISPLAY_NAME_DATA, label: vi.nameSuggest(suggestion.value), key: '1' }] } : { text: vi.nameAsk };
    }
    case 'phone':
      return {
        text: vi.phoneAsk(event.capabilities.contactButton),
        requestContact: event.capabilities.contactButton,
        choices: [{ data: SKIP_PHONE_DATA, label: vi.skip, key: '0' }],
      };
  }
}

/** The step after `step`, skipping a unit question already answered by a unit link, kept from before a deletion, or with no agencies to pick. */
function nextStep(p: Pick<Person, 'communeCode' | 'agencyCode' | 'unitsKept'>, step: RegistrationStepKind, hasAgencies: boolean): RegistrationStepKind | 'ready' {
  let next: RegistrationStepKind | 'ready' = REGISTRATION_ORDER[REGISTRATION_ORDER.indexOf(step) + 1] ?? 'ready';
  if (next === 'commune' && (p.communeCode || p.unitsKept)) next = 'agency';
  if (next === 'agency' && (p.agencyCode || p.unitsKept || !hasAgencies)) next = 'name';
  return next;
}

async function advance(turn: PersonTurn, step: RegistrationStepKind, changes: ProfileChanges): Promise<OutMessage[]> {
  const { ctx, person: p, event } = turn;
  const updated = {
    ...p,
    ...(changes.communeCode !== undefined ? { communeCode: changes.communeCode } : {}),
    ...(changes.agencyCode !== undefined ? { agencyCode: changes.agencyCode } : {}),
    ...(changes.fullName !== undefined ? { fullName: changes.fullName } : {}),
  };
  const next = nextStep(updated, step, ctx.units.some((u) => u.kind === 'agency'));
  const nextStepValue: Step = { kind: next };
  await ctx.services.participants.saveProfile(p.id, changes, nextStepValue);
  if (next === 'ready') {
    return [
      {
        text: vi.registered(ctx.campaign.labels, updated.fullName!, unitName(ctx, updated.communeCode), updated.agencyCode ? unitName(ctx, updated.agencyCode) : null),
        choices: [{ data: commandData('thi'), label: vi.startQuizButton, key: '/thi' }],
        listChoices: false,
      },
    ];
  }
  const out: OutMessage[] = [];
  if (step === 'consent' && updated.communeCode && next !== 'commune') {
    const labels = ctx.campaign.labels;
    out.push({ text: p.unitsKept ? vi.unitsKept(labels, unitName(ctx, updated.communeCode)) : vi.communePreselected(labels, unitName(ctx, updated.communeCode)) });
  }
  out.push(stepPrompt(ctx, next, event));
  return out;
}

/** The input of one registration step: the answer it gives, or the reply when it gives none. */
async function answerStep(turn: PersonTurn, step: RegistrationStepKind, prompt: OutMessage): Promise<OutMessage[]> {
  const { ctx, event } = turn;
  const input = event.input;
  const buttons = event.capabilities.buttons;
  const text = input.kind === 'text' ? input.text : undefined;
  const data = input.kind === 'choice' ? input.data : undefined;
  const picked = data ? prompt.choices?.find((c) => c.data === data) : text ? matchTypedChoice(text, prompt.choices ?? []) : undefined;
  switch (step) {
    case 'consent':
      if (picked?.data === CONSENT_DATA || (text && /^(co|ok|dong y)$/u.test(foldText(text)))) return advance(turn, step, { consented: true });
      return [{ text: vi.consentAgain(buttons) }, prompt];
    case 'commune': {
      const code = picked && parseCommuneData(picked.data);
      if (!code) return [{ text: vi.communeUnknown(ctx.campaign.labels, buttons) }, prompt];
      // A typed name or number may be a slip ("đồng ý" again picks Xã Đồng Ý): asked back before it is stored.
      return data ? advance(turn, step, { communeCode: code }) : askCommuneConfirmation(turn, code, 'registration');
    }
    case 'agency': {
      const agency = picked && parseAgencyData(picked.data);
      return agency ? advance(turn, step, { agencyCode: agency.code }) : [{ text: vi.agencyUnknown(buttons) }, prompt];
    }
    case 'name': {
      const raw = picked?.data === DISPLAY_NAME_DATA ? event.displayName! : text;
      if (raw === undefined) return [prompt];
      const name = parseFullName(raw);
      if (!name.ok) return [{ text: name.error === 'name_length' ? vi.nameLength : vi.nameChars }];
      return advance(turn, step, { fullName: name.value });
    }
    case 'phone': {
      if (picked?.data === SKIP_PHONE_DATA) return advance(turn, step, { phone: null });
      if (input.kind === 'contact' && !input.own) return [{ text: vi.phoneNotOwn }, prompt];
      // A shared contact is checked like a typed number (a foreign or malformed one is refused, never stored raw).
      const phone = input.kind === 'contact' ? parsePhone(input.phone) : text ? parsePhone(text) : undefined;
      // Telegram's contact button shares the account's own number (a foreign one is refused above): verified.
      const verifiedBy = input.kind === 'contact' ? event.channel : undefined;
      return phone?.ok ? advance(turn, step, { phone: phone.value, ...(verifiedBy ? { phoneVerifiedBy: verifiedBy } : {}) }) : [{ text: vi.phoneInvalid }, prompt];
    }
  }
}

/** The invite payload of "/start u-06340", or of "u-06340" typed alone (Zalo users type what the link shows). */
function invitePayloadOf({ event, command }: Turn): string | undefined {
  if (command?.name === 'start') return command.args.split(/\s+/u)[0] || undefined;
  const typed = !command && event.input.kind === 'text' ? event.input.text.trim() : '';
  return parseInvitePayload(typed) ? typed : undefined;
}

/** A unit's code typed by someone not yet registered: the unit's link, applied; its question is then skipped. */
async function joinedViaUnit(turn: Turn & { person: Person }, step: RegistrationStepKind, payload: string): Promise<OutMessage[] | undefined> {
  const { ctx, person, event } = turn;
  const unit = await ctx.services.participants.joinViaUnit(person.id, payload);
  if (!unit) return undefined;
  const answered = (step === 'commune' && unit.kind === 'commune') || (step === 'agency' && unit.kind === 'agency');
  const updated = { ...person, [unit.kind === 'commune' ? 'communeCode' : 'agencyCode']: unit.code };
  const next = answered ? nextStep(updated, step, ctx.units.some((u) => u.kind === 'agency')) : step;
  if (next !== step) await ctx.services.participants.setStep(person.id, { kind: next });
  return [{ text: vi.viaUnit(unit.name) }, ...(next === 'ready' ? [] : [stepPrompt(ctx, next, event)])];
}

/** A first contact: the participant row (with the invite payload of /start, if any) and the welcome. */
export const firstContact: Feature = {
  name: 'first contact',
  async handle(turn) {
    const { ctx, event, person } = turn;
    if (person) return undefined;
    const payload = invitePayloadOf(turn);
    const created = await ctx.services.participants.create(
      { channel: event.channel, userId: event.userId, chatId: event.chatId, ...(event.displayName ? { displayName: event.displayName } : {}) },
      payload,
    );
    const notes = [...(created.viaUnit ? [vi.viaUnit(created.viaUnit.name)] : []), ...(created.inviterName ? [vi.invitedBy(created.inviterName)] : [])];
    return reply(...welcomeMessages(ctx, notes));
  },
};

/** Everything a person says before registration is complete: the steps consent → commune → agency → name → phone. */
export const registration: Feature = {
  name: 'registration',
  async handle(turn) {
    const { ctx, person, event, command } = turn;
    if (!person || person.registered) return undefined;
    const pending = person.step;
    // A row left mid-way in another state (e.g. a hand edit) restarts at consent.
    const step = pending.kind === 'confirm_commune' ? 'commune' : (REGISTRATION_ORDER.find((s) => s === pending.kind) ?? 'consent');
    const prompt = pending.kind === 'confirm_commune' ? communeConfirmPrompt(ctx, pending.code) : stepPrompt(ctx, step, event);
    if (event.input.kind === 'unsupported') return reply({ text: vi.unsupported }, prompt);
    const payload = invitePayloadOf(turn);
    const joined = payload ? await joinedViaUnit({ ...turn, person }, step, payload) : undefined;
    if (joined) return reply(...joined);
    if (command?.name === 'start') return reply(welcomeMessages(ctx, [])[0]!, prompt);
    if (command) return reply({ text: vi.notRegistered }, prompt);
    if (pending.kind === 'confirm_commune') {
      const answered = await answerCommuneConfirmation({ ...turn, person }, pending, {
        confirmed: (code) => advance({ ...turn, person }, 'commune', { communeCode: code }),
        again: async () => {
          await ctx.services.participants.setStep(person.id, { kind: 'commune' });
          return [stepPrompt(ctx, 'commune', event)];
        },
      });
      return answered ? reply(...answered) : notice(vi.staleTap);
    }
    // A tap on an earlier step's buttons (already answered) changes nothing: a notice, like a stale answer tap.
    const input = event.input;
    if (input.kind === 'choice' && !(prompt.choices ?? []).some((c) => c.data === input.data)) return notice(vi.staleTap);
    return reply(...(await answerStep({ ...turn, person }, step, prompt)));
  },
};

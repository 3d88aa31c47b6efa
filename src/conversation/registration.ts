import { randomBytes } from 'node:crypto';
import { foldText, parseFullName, parsePhone } from '../core/input.ts';
import { formatClosingDate } from '../core/time.ts';
import type { Unit } from '../core/types.ts';
import { sortUnits } from '../bank/units.ts';
import { vi } from '../messages/vi.ts';
import {
  findByInviteCode,
  insertParticipant,
  recordInvitation,
  updateParticipant,
  type ParticipantRow,
} from '../storage/repos/participants.ts';
import { matchTypedChoice } from '../contract/choices.ts';
import type { ConversationDeps } from './deps.ts';
import type { Choice, InboundEvent, OutMessage } from '../contract/messages.ts';

/** Registration steps, in order. A participant row's `step` says where the dialogue stands. */
export type RegistrationStep = 'consent' | 'commune' | 'agency' | 'name' | 'phone';

/** Invite payloads: "u-<unit code>" (a unit's link) or "r-<invite code>" (a person's link). */
export function unitPayload(code: string): string {
  return `u-${code}`;
}
export function personPayload(inviteCode: string): string {
  return `r-${inviteCode}`;
}

function newInviteCode(): string {
  return randomBytes(6).toString('base64url');
}

export function communeChoices(units: readonly Unit[]): Choice[] {
  return sortUnits(units.filter((u) => u.kind === 'commune')).map((u, i) => ({ data: `c:${u.code}`, label: u.name, key: String(i + 1) }));
}

export function agencyChoices(units: readonly Unit[]): Choice[] {
  const agencies = sortUnits(units.filter((u) => u.kind === 'agency')).map((u, i) => ({ data: `g:${u.code}`, label: u.name, key: String(i + 1) }));
  return [...agencies, { data: 'g:-', label: vi.skip, key: '0' }];
}

/**
 * Creates the participant row for a first contact, applying a valid invite payload (a unit's link pre-selects that
 * unit; a person's link records who invited whom). Unknown or forged payloads are ignored.
 */
export async function createParticipant(deps: ConversationDeps, event: InboundEvent, payload: string | undefined): Promise<{ row: ParticipantRow; notes: string[] }> {
  const now = deps.now();
  const notes: string[] = [];
  let unit: Unit | undefined;
  let inviter: ParticipantRow | undefined;
  if (payload && /^u-[A-Za-z0-9]{1,12}$/u.test(payload)) unit = deps.units.find((u) => u.code === payload.slice(2));
  if (payload && /^r-[A-Za-z0-9_-]{6,16}$/u.test(payload)) inviter = await findByInviteCode(deps.db, payload.slice(2));
  if (inviter && inviter.channel === event.channel && inviter.external_id === event.userId) inviter = undefined;
  const row = await insertParticipant(deps.db, {
    channel: event.channel,
    external_id: event.userId,
    chat_id: event.chatId,
    display_name: event.displayName ?? null,
    full_name: null,
    phone: null,
    commune_code: unit?.kind === 'commune' ? unit.code : null,
    agency_code: unit?.kind === 'agency' ? unit.code : null,
    consent_at: null,
    registered_at: null,
    step: 'consent',
    step_data: null,
    invite_code: newInviteCode(),
    invited_by: inviter?.id ?? null,
    joined_via_unit: unit?.code ?? null,
    deleted_at: null,
    overall_finished_at: null,
    created_at: now,
  });
  if (unit || inviter) await recordInvitation(deps.db, { inviteeId: row.id, inviterId: inviter?.id ?? null, unitCode: unit?.code ?? null, at: now });
  if (unit) notes.push(vi.viaUnit(unit.name));
  if (inviter?.full_name) notes.push(vi.invitedBy(inviter.full_name));
  return { row, notes };
}

export function welcomeMessages(deps: ConversationDeps, notes: string[]): OutMessage[] {
  const c = deps.campaign;
  return [
    { text: [vi.welcome(c.title, c.organiser, formatClosingDate(c.closesAt, c.timezone), c.demo), ...notes].join('\n\n') },
    { text: vi.consentAsk, choices: [{ data: 'ok', label: vi.consentButton, key: '1' }] },
  ];
}

function unitName(deps: ConversationDeps, code: string | null): string {
  return deps.units.find((u) => u.code === code)?.name ?? '';
}

/** The prompt of a registration step (also re-sent when input was not understood). */
export function stepPrompt(deps: ConversationDeps, p: ParticipantRow, event: InboundEvent): OutMessage {
  switch (p.step as RegistrationStep) {
    case 'consent':
      return { text: vi.consentAsk, choices: [{ data: 'ok', label: vi.consentButton, key: '1' }] };
    case 'commune':
      return { text: vi.communeAsk, choices: communeChoices(deps.units), columns: 2 };
    case 'agency':
      return { text: vi.agencyAsk, choices: agencyChoices(deps.units), columns: 1 };
    case 'name': {
      const suggestion = event.displayName ? parseFullName(event.displayName) : undefined;
      return suggestion?.ok
        ? { text: vi.nameAsk, choices: [{ data: 'n:d', label: vi.nameSuggest(suggestion.value), key: '1' }] }
        : { text: vi.nameAsk };
    }
    case 'phone':
      return {
        text: vi.phoneAsk(event.capabilities.contactButton),
        requestContact: event.capabilities.contactButton,
        choices: [{ data: 'p:-', label: vi.skip, key: '0' }],
      };
  }
}

/** True for a tap on a button that the current registration step does not offer (an earlier step's keyboard). */
export function isStaleTap(deps: ConversationDeps, p: ParticipantRow, event: InboundEvent): boolean {
  const input = event.input;
  return input.kind === 'choice' && !(stepPrompt(deps, p, event).choices ?? []).some((c) => c.data === input.data);
}

/** The next step after `step`, skipping a unit question already answered by a unit link. */
function nextStep(p: ParticipantRow, step: RegistrationStep): RegistrationStep | 'ready' {
  const order: (RegistrationStep | 'ready')[] = ['consent', 'commune', 'agency', 'name', 'phone', 'ready'];
  let next = order[order.indexOf(step) + 1]!;
  if (next === 'commune' && p.commune_code) next = 'agency';
  if (next === 'agency' && p.agency_code) next = 'name';
  return next;
}

async function advance(deps: ConversationDeps, p: ParticipantRow, event: InboundEvent, changes: Partial<ParticipantRow>): Promise<OutMessage[]> {
  const updated = { ...p, ...changes };
  const step = nextStep(updated, p.step as RegistrationStep);
  const now = deps.now();
  if (step === 'ready') {
    await updateParticipant(deps.db, p.id, { ...changes, step: 'ready', registered_at: now });
    return [
      {
        text: vi.registered(updated.full_name!, unitName(deps, updated.commune_code), updated.agency_code ? unitName(deps, updated.agency_code) : null),
        choices: [{ data: 'cmd:thi', label: vi.startQuizButton, key: '/thi' }],
        listChoices: false,
      },
    ];
  }
  await updateParticipant(deps.db, p.id, { ...changes, step });
  const out: OutMessage[] = [];
  if (p.step === 'consent' && updated.commune_code && step !== 'commune') out.push({ text: vi.communePreselected(unitName(deps, updated.commune_code)) });
  out.push(stepPrompt(deps, { ...updated, step }, event));
  return out;
}

/** Handles input while a person is registering; returns the replies. */
export async function handleRegistration(deps: ConversationDeps, p: ParticipantRow, event: InboundEvent): Promise<OutMessage[]> {
  const input = event.input;
  const typed = input.kind === 'text' ? input.text : undefined;
  const tapped = input.kind === 'choice' ? input.data : undefined;
  const prompt = stepPrompt(deps, p, event);
  const picked = tapped ? prompt.choices?.find((c) => c.data === tapped) : typed ? matchTypedChoice(typed, prompt.choices ?? []) : undefined;
  switch (p.step as RegistrationStep) {
    case 'consent':
      if (picked?.data === 'ok' || (typed && /^(co|ok|dong y)$/u.test(foldText(typed)))) {
        return advance(deps, p, event, { consent_at: deps.now() });
      }
      return [{ text: vi.consentAgain }, prompt];
    case 'commune':
      if (picked) return advance(deps, p, event, { commune_code: picked.data.slice(2) });
      return [{ text: vi.communeUnknown }, prompt];
    case 'agency':
      if (picked) return advance(deps, p, event, { agency_code: picked.data === 'g:-' ? null : picked.data.slice(2) });
      return [{ text: vi.agencyUnknown }, prompt];
    case 'name': {
      const raw = picked?.data === 'n:d' ? event.displayName! : typed;
      if (raw === undefined) return [prompt];
      const name = parseFullName(raw);
      if (!name.ok) return [{ text: name.error === 'name_length' ? vi.nameLength : vi.nameChars }];
      return advance(deps, p, event, { full_name: name.value });
    }
    case 'phone': {
      if (picked?.data === 'p:-') return advance(deps, p, event, { phone: null });
      if (input.kind === 'contact') {
        if (!input.own) return [{ text: vi.phoneNotOwn }, prompt];
        const phone = parsePhone(input.phone);
        return advance(deps, p, event, { phone: phone.ok ? phone.value : input.phone });
      }
      if (typed) {
        const phone = parsePhone(typed);
        if (phone.ok) return advance(deps, p, event, { phone: phone.value });
      }
      return [{ text: vi.phoneInvalid }, prompt];
    }
  }
  return [prompt];
}

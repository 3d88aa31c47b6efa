import { sortUnits } from '../bank/units.ts';
import type { Step } from '../core/step.ts';
import type { Unit } from '../core/types.ts';
import { CONSENT_DATA, agencyData, communeData, confirmCommuneData, deleteData } from '../contract/callback-data.ts';
import type { Choice } from '../contract/messages.ts';
import { vi } from '../messages/vi.ts';

/** The choices each step offers, in one place: the dialogue shows them, and typed text is matched against them first. */

export function communeChoices(units: readonly Unit[]): Choice[] {
  return sortUnits(units.filter((u) => u.kind === 'commune')).map((u, i) => ({ data: communeData(u.code), label: u.name, key: String(i + 1) }));
}

export function agencyChoices(units: readonly Unit[]): Choice[] {
  const agencies = sortUnits(units.filter((u) => u.kind === 'agency')).map((u, i) => ({ data: agencyData(u.code), label: u.name, key: String(i + 1) }));
  return [...agencies, { data: agencyData(null), label: vi.skip, key: '0' }];
}

export const consentChoices = (): Choice[] => [{ data: CONSENT_DATA, label: vi.consentButton, key: '1' }];

export const deleteChoices = (): Choice[] => [
  { data: deleteData(true), label: vi.deleteYes, key: '1' },
  { data: deleteData(false), label: vi.deleteNo, key: '0' },
];

export const confirmCommuneChoices = (): Choice[] => [
  { data: confirmCommuneData(true), label: vi.communeConfirmYes, key: '1' },
  { data: confirmCommuneData(false), label: vi.communeConfirmNo, key: '0' },
];

/** The choices of a step that asks to pick one; empty for steps that take free text (name, phone, prediction). */
export function choicesAt(step: Step, units: readonly Unit[]): Choice[] {
  switch (step.kind) {
    case 'consent':
      return consentChoices();
    case 'commune':
    case 'change_commune':
      return communeChoices(units);
    case 'agency':
      return agencyChoices(units);
    case 'confirm_commune':
      return confirmCommuneChoices();
    case 'confirm_delete':
      return deleteChoices();
    default:
      return [];
  }
}

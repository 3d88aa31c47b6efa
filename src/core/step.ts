/**
 * Where a person's dialogue stands. Stored as two columns (`step`, `step_data`); parsed once when the row is read, so
 * the dialogue only ever sees these shapes.
 */
export type Step =
  | { kind: 'consent' }
  | { kind: 'commune' }
  | { kind: 'agency' }
  | { kind: 'name' }
  | { kind: 'phone' }
  | { kind: 'ready' }
  | { kind: 'prediction'; attemptId: number }
  | { kind: 'change_commune' }
  /** A commune picked by typing, waiting for "1. Đúng / 0. Chọn lại"; `then` is where it goes: registration or /doixa. */
  | { kind: 'confirm_commune'; code: string; then: CommuneChoiceFor }
  | { kind: 'confirm_delete' }
  | { kind: 'deleted' };

export type CommuneChoiceFor = 'registration' | 'change';

export type RegistrationStepKind = 'consent' | 'commune' | 'agency' | 'name' | 'phone';
export const REGISTRATION_ORDER: readonly RegistrationStepKind[] = ['consent', 'commune', 'agency', 'name', 'phone'];

const SIMPLE = new Set<Step['kind']>(['consent', 'commune', 'agency', 'name', 'phone', 'ready', 'change_commune', 'confirm_delete', 'deleted']);

/** The stored columns as a Step; an unknown or malformed value (a hand-edited row) falls back to `ready`. */
export function parseStep(step: string, data: string | null): Step {
  if (step === 'prediction') {
    const attemptId = Number(data);
    return Number.isSafeInteger(attemptId) && attemptId > 0 ? { kind: 'prediction', attemptId } : { kind: 'ready' };
  }
  if (step === 'confirm_commune') {
    const m = /^(registration|change):([A-Za-z0-9]{1,12})$/u.exec(data ?? '');
    return m ? { kind: 'confirm_commune', then: m[1] as CommuneChoiceFor, code: m[2]! } : { kind: 'ready' };
  }
  return SIMPLE.has(step as Step['kind']) ? ({ kind: step } as Step) : { kind: 'ready' };
}

function stepData(step: Step): string | null {
  if (step.kind === 'prediction') return String(step.attemptId);
  if (step.kind === 'confirm_commune') return `${step.then}:${step.code}`;
  return null;
}

export function stepColumns(step: Step): { step: string; step_data: string | null } {
  return { step: step.kind, step_data: stepData(step) };
}

export function isRegistrationStep(step: Step): step is { kind: RegistrationStepKind } {
  return (REGISTRATION_ORDER as readonly string[]).includes(step.kind);
}

/**
 * Reminders at a province's scale, as pure functions: whether a slot's audience can be reached within its window at
 * each channel's rate, and how a spread (`reminders.spread`) gives each slot a deterministic part of the units.
 */
import { channelRate, listSlots } from './reminder-slots.ts';
import type { Campaign, ReminderSettings, ReminderSpread, Unit } from './types.ts';

export interface ReachEstimate {
  channel: string;
  people: number;
  perSecond: number;
  /** Time to send one message to each of `people` at the channel's rate. */
  neededMs: number;
  windowMs: number;
  fits: boolean;
}

/** Per channel (they send in parallel): how long its share of the audience takes, against the slot's window. */
export function reachEstimates(byChannel: Readonly<Record<string, number>>, settings: ReminderSettings, windowMs: number): ReachEstimate[] {
  return Object.entries(byChannel)
    .filter(([, people]) => people > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([channel, people]) => {
      const perSecond = channelRate(settings, channel).perSecond;
      const neededMs = Math.ceil((people / perSecond) * 1000);
      return { channel, people, perSecond, neededMs, windowMs, fits: neededMs <= windowMs };
    });
}

/** The part a slot reaches: slots take turns in schedule order, so any `slots` consecutive slots reach every unit once. */
export function slotPart(campaign: Campaign, settings: ReminderSettings, slotId: string): number | undefined {
  if (!settings.spread) return undefined;
  const index = listSlots(campaign, settings).findIndex((s) => s.id === slotId);
  return index < 0 ? undefined : index % settings.spread.slots;
}

/**
 * The commune codes of part `part`: the spread's units (parents, or communes) in code order, dealt in turn to the
 * parts — stable while the unit lists stay the same, whatever people register meanwhile.
 */
export function communesOfPart(units: readonly Unit[], spread: ReminderSpread, part: number): string[] {
  const kind = spread.by === 'parent' ? 'parent' : 'commune';
  const dealt = units
    .filter((u) => u.kind === kind)
    .map((u) => u.code)
    .sort()
    .filter((_, i) => i % spread.slots === part);
  if (spread.by === 'commune') return dealt;
  const parents = new Set(dealt);
  return units.filter((u) => u.kind === 'commune' && u.parent && parents.has(u.parent)).map((u) => u.code);
}

/** The communes a run may reach: its slot's part, or null (no restriction) without a spread or for a run off the schedule. */
export function slotCommunes(campaign: Campaign, settings: ReminderSettings, units: readonly Unit[], runId: string): string[] | null {
  const part = slotPart(campaign, settings, runId);
  return part === undefined ? null : communesOfPart(units, settings.spread!, part);
}

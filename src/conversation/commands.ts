import { mayUse, namesUnit, type Command } from '../contract/commands.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';
import { viOfficials } from '../messages/vi.ts';
import { codeUseNotices } from '../officials/grants.ts';
import { unitsNamed } from '../officials/unit-views.ts';
import { helpText } from './citizen-views.ts';
import { handlersOf } from './command-registry.ts';
import { say, type Feature, type PersonTurn } from './feature.ts';

/**
 * Officials' commands from an official: answered before anything else (officials need not register). District
 * officials come from the configuration (event.isAdmin); a unit official's role is looked up on every command, so a
 * revocation takes effect at once. /nhanquyen is anyone's: it is how a unit official gets the role. Who may use what
 * is each command's roles (src/contract/commands.ts); what answers it, its handlers (command-registry.ts).
 */
export const officials: Feature = {
  name: 'officials',
  async handle({ ctx, event, command }) {
    if (!command) return undefined;
    const handlers = handlersOf(command.name);
    if (handlers.anyone) return { messages: await handlers.anyone({ ctx, command, event }) };
    if (!mayUse(command.name, 'district') && !mayUse(command.name, 'unit')) return undefined;
    const messages = event.isAdmin ? await districtOfficial(ctx, command, event) : await unitOfficial(ctx, command, event);
    return messages && { messages };
  },
};

async function districtOfficial(ctx: PresentationContext, command: Command, event: InboundEvent): Promise<OutMessage[]> {
  const notices = await codeUseNotices(ctx, event);
  const district = handlersOf(command.name).district;
  return [...notices, ...(district ? await district({ ctx, command, event }) : [])];
}

/**
 * A unit official's command, scoped to their unit. Naming another unit is refused with the reason, and district-only
 * commands (other units' rankings, reminders for everyone, granting) are refused too. Anyone else: not handled here.
 */
async function unitOfficial(ctx: PresentationContext, command: Command, event: InboundEvent): Promise<OutMessage[] | undefined> {
  const role = await ctx.services.officials.roleOf(event.channel, event.userId);
  if (!role) return undefined;
  // The scope is the official's unit, from their role; a code in the arguments can only name it again. Any other
  // unit's code among them — another commune or agency, a parent, next to their own or not — is refused. Free text
  // (/thongbao) and confirmation ids are never read as one.
  const unit = role.unit;
  const named = namesUnit(command.name) ? unitsNamed(ctx, command.args) : [];
  if (named.some((u) => u.code !== unit.code)) return [{ text: viOfficials.otherUnit(unit.name) }];
  const handler = handlersOf(command.name).unit;
  return handler ? handler({ ctx, command, event }, role) : [{ text: viOfficials.districtOnly(unit.name) }];
}

/** The citizens' commands of a registered person. Anyone else asking for an official command gets the help. */
export const citizenCommands: Feature = {
  name: 'citizen commands',
  async handle(turn) {
    const t = turn as PersonTurn;
    const { ctx, person, command } = t;
    if (!command) return undefined;
    const citizen = handlersOf(command.name).citizen;
    if (!citizen) return say(helpText(ctx));
    // A new command ends a pending confirmation or prediction.
    if (person.step.kind !== 'ready') await ctx.services.participants.setStep(person.id, { kind: 'ready' });
    return citizen(t);
  },
};

import type { Command } from '../contract/commands.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';
import { viOfficials as t } from '../messages/vi.ts';
import type { UnitOfficial } from '../services/officials.ts';
import { exportMessage, individualsBoard } from './commands.ts';
import { unitLinks } from './links.ts';
import { handleReminderCommand } from './reminders.ts';
import { roundResultsCommand } from './round-results.ts';
import { notFinishedText, unitsNamed, unitStatsText } from './unit-views.ts';
import { webSignInLink } from './web-link.ts';

const text = (s: string): OutMessage[] => [{ text: s }];

/** Commands whose arguments may name a unit; free text (/thongbao) and confirmation ids are never read as one. */
const NAMES_A_UNIT = new Set(['bxh', 'thongke', 'chuathi', 'link', 'xuat', 'nhacnho']);

/**
 * A unit official's commands, every one scoped to their unit. Naming another unit is refused with the reason, and
 * district-only commands (other units' rankings, reminders for everyone, granting) are refused too.
 */
export async function handleUnitCommand(ctx: PresentationContext, cmd: Command, event: InboundEvent, official: UnitOfficial): Promise<OutMessage[]> {
  // The scope is the official's unit, from their role; a code in the arguments can only name it again. Any other
  // unit's code among them — another commune or agency, a parent, next to their own or not — is refused.
  const unit = official.unit;
  const named = NAMES_A_UNIT.has(cmd.name) ? unitsNamed(ctx, cmd.args) : [];
  if (named.some((u) => u.code !== unit.code)) return text(t.otherUnit(unit.name));
  switch (cmd.name) {
    case 'bxh':
      return text(await individualsBoard(ctx, withoutUnit(cmd.args, unit.code), unit));
    case 'thongke':
      return text(await unitStatsText(ctx, unit));
    case 'chuathi':
      return text(await notFinishedText(ctx, cmd.args, unit));
    case 'link':
      return unitLinks(ctx, unit.code, event);
    case 'xuat':
      return [await exportMessage(ctx, unit)];
    case 'ketquavong':
      // Winners are published: a unit official sees the whole round's, like everyone will on the public page.
      return roundResultsCommand(ctx, cmd);
    case 'web':
      return webSignInLink(ctx, event);
    case 'thongbao':
    case 'nhacnho':
    case 'xacnhan':
      return handleReminderCommand(ctx, cmd, event, unit.code);
    default:
      return text(t.districtOnly(unit.name));
  }
}

/** "/bxh 06340 20" from the unit's own official: the code is the scope already, not a count. */
function withoutUnit(args: string, code: string): string {
  return args
    .split(/\s+/u)
    .filter((w) => w.toLowerCase() !== code.toLowerCase())
    .join(' ');
}

import type { Command, CommandName, RolesOf } from '../contract/commands.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage, Reply } from '../contract/messages.ts';
import { vi, viOfficials } from '../messages/vi.ts';
import {
  adminHelpText,
  communesBoardWithChart,
  exportMessage,
  individualsBoard,
  mobilisersBoard,
  parentsBoard,
  proposalMessages,
  statsWithChart,
  unitsBoard,
  withoutUnit,
} from '../officials/commands.ts';
import { createGrantCode, officialsList, redeemCode, revokeOfficial } from '../officials/grants.ts';
import { unitLinks } from '../officials/links.ts';
import { announcementRequest, confirmRequest, reminderOverview, sendNowRequest } from '../officials/reminders.ts';
import { integrityCommand } from '../officials/integrity.ts';
import { roundResultsCommand } from '../officials/round-results.ts';
import { notFinishedText, unitNamed, unitStatsText } from '../officials/unit-views.ts';
import { webSignInLink } from '../officials/web-link.ts';
import type { UnitOfficial } from '../services/officials.ts';
import { certificateReply } from './certificate.ts';
import { helpText, inviteText, resultsText, statusText } from './citizen-views.ts';
import { say, type PersonTurn } from './feature.ts';
import { linkAccount } from './link-account.ts';
import { askCommuneChange, askDeletion } from './profile.ts';
import { startReply } from './quiz.ts';

/** An official's command as the handlers get it. */
export interface CommandCall {
  ctx: PresentationContext;
  command: Command;
  event: InboundEvent;
}

/** What answers a command, for each role (src/contract/commands.ts says which roles may use it). */
interface RoleHandlers {
  /** A registered person. */
  citizen: (turn: PersonTurn) => Promise<Reply> | Reply;
  /** A district official (the code-use notices go before the answer). */
  district: (call: CommandCall) => Promise<OutMessage[]>;
  /** A unit official, scoped to their unit (a command that names another unit never reaches here). */
  unit: (call: CommandCall, official: UnitOfficial) => Promise<OutMessage[]>;
  /** Anyone, registered or not. */
  anyone: (call: CommandCall) => Promise<OutMessage[]>;
}

/** Command K's handlers: one for each of its roles, no more, no less. */
export type HandlersOf<K extends CommandName> = Pick<RoleHandlers, RolesOf<K>>;

const text = async (t: string | Promise<string>): Promise<OutMessage[]> => [{ text: await t }];
const one = async (m: Promise<OutMessage>): Promise<OutMessage[]> => [await m];

/**
 * Every command's handlers, keyed by name: the dialogue looks a command up here (src/conversation/commands.ts) and
 * never switches over names. A command added to src/contract/commands.ts does not compile until it has an entry here
 * with a handler for each of its roles.
 */
export const COMMAND_HANDLERS: { readonly [K in CommandName]: HandlersOf<K> } = {
  start: { citizen: async ({ ctx, person }) => say(await statusText(ctx, person)) },
  thi: { citizen: async (t) => startReply(t, await t.ctx.services.quiz.startOrResume(t.person.id)) },
  ketqua: { citizen: async ({ ctx, person }) => say(await resultsText(ctx, person)) },
  huongdan: {
    citizen: ({ ctx }) => say(helpText(ctx)),
    district: async ({ ctx }) => [{ text: adminHelpText(ctx) }, { text: helpText(ctx) }],
    unit: async ({ ctx }, { unit }) => [{ text: viOfficials.unitHelp(unit.name) }, { text: helpText(ctx) }],
  },
  moi: { citizen: async ({ ctx, person, event }) => say(await inviteText(ctx, person, event)) },
  chungnhan: { citizen: ({ ctx, person, event }) => certificateReply(ctx, person, event) },
  doixa: { citizen: askCommuneChange },
  tatnhacnho: {
    citizen: async ({ ctx, person }) => {
      await ctx.services.participants.setReminders(person.id, false);
      return say(vi.remindersOff);
    },
  },
  batnhacnho: {
    citizen: async ({ ctx, person }) => {
      await ctx.services.participants.setReminders(person.id, true);
      return say(vi.remindersOn);
    },
  },
  xoadulieu: { citizen: askDeletion },

  bxh: {
    district: ({ ctx, command }) => text(individualsBoard(ctx, command.args)),
    unit: ({ ctx, command }, { unit }) => text(individualsBoard(ctx, withoutUnit(command.args, unit.code), unit)),
  },
  bxhxa: { district: ({ ctx, command }) => one(communesBoardWithChart(ctx, command.args)) },
  bxhhuyen: { district: ({ ctx }) => text(parentsBoard(ctx)) },
  bxhdv: { district: ({ ctx }) => text(unitsBoard(ctx, 'agency')) },
  bxhvd: { district: ({ ctx }) => text(mobilisersBoard(ctx)) },
  thongke: {
    district: ({ ctx, command }) => {
      const unit = unitNamed(ctx, command.args);
      return unit ? text(unitStatsText(ctx, unit)) : one(statsWithChart(ctx));
    },
    unit: ({ ctx }, { unit }) => text(unitStatsText(ctx, unit)),
  },
  xuat: {
    district: ({ ctx }) => one(exportMessage(ctx)),
    unit: ({ ctx }, { unit }) => one(exportMessage(ctx, unit)),
  },
  link: {
    district: ({ ctx, command, event }) => unitLinks(ctx, command.args, event),
    unit: ({ ctx, event }, { unit }) => unitLinks(ctx, unit.code, event),
  },
  admin: { district: ({ ctx }) => text(adminHelpText(ctx)) },
  nhacnho: {
    district: ({ ctx }) => reminderOverview(ctx),
    unit: ({ ctx }, { unit }) => reminderOverview(ctx, unit.code),
  },
  guinhacnho: { district: ({ ctx, event }) => sendNowRequest(ctx, event) },
  thongbao: {
    district: ({ ctx, command, event }) => announcementRequest(ctx, command, event),
    unit: ({ ctx, command, event }, { unit }) => announcementRequest(ctx, command, event, unit.code),
  },
  xacnhan: {
    district: ({ ctx, command }) => confirmRequest(ctx, command),
    unit: ({ ctx, command }, { unit }) => confirmRequest(ctx, command, unit.code),
  },
  chuathi: {
    district: ({ ctx, command }) => text(notFinishedText(ctx, command.args, unitNamed(ctx, command.args))),
    unit: ({ ctx, command }, { unit }) => text(notFinishedText(ctx, command.args, unit)),
  },
  capquyen: { district: ({ ctx, command, event }) => createGrantCode(ctx, command, event) },
  dsquyen: { district: ({ ctx }) => officialsList(ctx) },
  thuhoiquyen: { district: ({ ctx, command, event }) => revokeOfficial(ctx, command, event) },
  khenthuong: { district: ({ ctx }) => proposalMessages(ctx) },
  // Winners are published: a unit official sees the whole round's, like everyone will on the public page.
  ketquavong: {
    district: ({ ctx, command }) => roundResultsCommand(ctx, command),
    unit: ({ ctx, command }) => roundResultsCommand(ctx, command),
  },
  web: {
    district: ({ ctx, event }) => webSignInLink(ctx, event),
    unit: ({ ctx, event }) => webSignInLink(ctx, event),
  },
  // Only district officials decide; a unit official sees their unit's flags and the decisions.
  kiemtra: {
    district: ({ ctx, command, event }) => integrityCommand(ctx, command, event),
    unit: ({ ctx, command, event }, { unit }) => integrityCommand(ctx, command, event, unit),
  },
  nhanquyen: { anyone: ({ ctx, command, event }) => redeemCode(ctx, command, event) },
  noi: { anyone: ({ ctx, command, event }) => linkAccount(ctx, command, event) },
};

/** The handlers of `name`, each present only for the roles that may use it. */
export const handlersOf = (name: CommandName): Partial<RoleHandlers> => COMMAND_HANDLERS[name];

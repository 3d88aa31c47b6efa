import { parseCommandData } from '../contract/callback-data.ts';
import { parseCommand, type Command } from '../contract/commands.ts';
import { matchTypedChoice } from '../contract/choices.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, Reply } from '../contract/messages.ts';
import { vi } from '../messages/vi.ts';
import type { Person } from '../services/participants.ts';
import { citizenCommands, officials } from './commands.ts';
import { say, type Feature } from './feature.ts';
import { communeChange, dataDeletion, unhandled } from './profile.ts';
import { afterClosing, answers, prediction } from './quiz.ts';
import { firstContact, registration } from './registration.ts';
import { choicesAt } from './step-choices.ts';

/** The channel-agnostic dialogue: one inbound event in, the replies out. All state is read from and written to the database. */
export interface Conversation {
  handle(event: InboundEvent): Promise<Reply>;
}

const unsupportedInput: Feature = {
  name: 'unsupported input',
  handle: ({ event }) => (event.input.kind === 'unsupported' ? say(vi.unsupported) : undefined),
};

/**
 * The dialogue, top to bottom: the first feature that answers wins. Features after `registration` see a registered
 * person.
 */
const FEATURES: readonly Feature[] = [
  officials,
  firstContact,
  registration,
  unsupportedInput,
  citizenCommands,
  answers,
  prediction,
  communeChange,
  dataDeletion,
  afterClosing,
  unhandled,
];

function commandOf(ctx: PresentationContext, event: InboundEvent, person: Person | undefined): Command | undefined {
  const input = event.input;
  if (input.kind === 'choice') {
    const line = parseCommandData(input.data);
    return line === undefined ? undefined : parseCommand(`/${line}`, false);
  }
  return input.kind === 'text' ? parseCommand(input.text, bareWordsAllowed(ctx, person, input.text)) : undefined;
}

/**
 * Bare-word commands ("thi", "ket qua") are off while a person types their name ("Thi" may be a real name), and when
 * the text picks one of the choices the step offers: "Thị trấn Bắc Sơn" at the commune step is a commune, not /thi.
 */
function bareWordsAllowed(ctx: PresentationContext, person: Person | undefined, text: string): boolean {
  if (!person) return true;
  if (person.step.kind === 'name') return false;
  return matchTypedChoice(text, choicesAt(person.step, ctx.units)) === undefined;
}

/**
 * A group chat: the contest is one-to-one (a group would see phones in /xuat, and a stored chat must stay private), so
 * the bot only says, once per group, to write to it privately — no registration, no command, nobody's chat changes.
 */
async function groupReply(ctx: PresentationContext, event: InboundEvent): Promise<Reply> {
  return (await ctx.services.groupChats.firstMessage(event.channel, event.chatId)) ? say(vi.privateOnly(event.botLink)) : { messages: [] };
}

export function createConversation(ctx: PresentationContext): Conversation {
  return {
    async handle(event) {
      if (event.chatKind === 'group') return groupReply(ctx, event);
      const person = await ctx.services.participants.find(event.channel, event.userId);
      if (person && person.chatId !== event.chatId) await ctx.services.participants.moveChat({ channel: event.channel, userId: event.userId }, event.chatId);
      const turn = { ctx, event, person, command: commandOf(ctx, event, person) };
      for (const feature of FEATURES) {
        const reply = await feature.handle(turn);
        if (reply) return reply;
      }
      return say(vi.unknownText);
    },
  };
}

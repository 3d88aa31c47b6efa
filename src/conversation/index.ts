import { parseCommandData } from '../contract/callback-data.ts';
import { parseCommand, type Command } from '../contract/commands.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, Reply } from '../contract/messages.ts';
import { vi } from '../messages/vi.ts';
import type { Person } from '../services/participants.ts';
import { citizenCommands, officials } from './commands.ts';
import { say, type Feature } from './feature.ts';
import { communeChange, dataDeletion, unhandled } from './profile.ts';
import { afterClosing, answers, prediction } from './quiz.ts';
import { firstContact, registration } from './registration.ts';

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

function commandOf(event: InboundEvent, person: Person | undefined): Command | undefined {
  const input = event.input;
  if (input.kind === 'choice') {
    const line = parseCommandData(input.data);
    return line === undefined ? undefined : parseCommand(`/${line}`, false);
  }
  // Bare words are off while a person types their name, where "Thi" may be a real name.
  return input.kind === 'text' ? parseCommand(input.text, person?.step.kind !== 'name') : undefined;
}

export function createConversation(ctx: PresentationContext): Conversation {
  return {
    async handle(event) {
      const person = await ctx.services.participants.find(event.channel, event.userId);
      if (person && person.chatId !== event.chatId) await ctx.services.participants.moveChat(person.id, event.chatId);
      const turn = { ctx, event, person, command: commandOf(event, person) };
      for (const feature of FEATURES) {
        const reply = await feature.handle(turn);
        if (reply) return reply;
      }
      return say(vi.unknownText);
    },
  };
}

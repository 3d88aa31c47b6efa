import type { Command } from '../contract/commands.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage, Reply } from '../contract/messages.ts';
import type { Person } from '../services/participants.ts';

/** One inbound event on its way through the dialogue. */
export interface Turn {
  ctx: PresentationContext;
  event: InboundEvent;
  /** Undefined on a first contact. */
  person: Person | undefined;
  /** The command typed or tapped, if any. */
  command: Command | undefined;
}

/** A registered person's turn: the features after registration may rely on it. */
export type PersonTurn = Turn & { person: Person };

/**
 * A piece of the dialogue that owns some commands or callback data. Features are tried in order; the first that
 * returns a reply answers the event.
 */
export interface Feature {
  name: string;
  handle(turn: Turn): Promise<Reply | undefined> | Reply | undefined;
}

export const say = (...texts: string[]): Reply => ({ messages: texts.map((text) => ({ text })) });
export const reply = (...messages: OutMessage[]): Reply => ({ messages });
export const notice = (text: string): Reply => ({ messages: [], notice: text });

/** The tapped callback data, when the event is a tap. */
export function tapped(turn: Turn): string | undefined {
  return turn.event.input.kind === 'choice' ? turn.event.input.data : undefined;
}

/** The typed text, when the event is text that is not a command. */
export function typed(turn: Turn): string | undefined {
  return turn.event.input.kind === 'text' && !turn.command ? turn.event.input.text : undefined;
}

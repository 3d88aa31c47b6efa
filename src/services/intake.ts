import { claimEvent, markReachable, markUnreachable } from '../storage/repos/participants.ts';
import type { ServiceDeps } from './deps.ts';

/** What channels ask of the app about updates and chats (the seam where a durable inbox goes). */
export interface IntakeService {
  /** True the first time an update id is seen on a channel; false for a redelivery. */
  claim(channel: string, updateId: string): Promise<boolean>;
  /** The platform said the chat blocked the bot (403, "kicked"): reminders skip it. */
  markUnreachable(channel: string, chatId: string): Promise<void>;
  markReachable(channel: string, chatId: string): Promise<void>;
}

export function createIntakeService(deps: ServiceDeps): IntakeService {
  return {
    claim: (channel, updateId) => claimEvent(deps.db, channel, updateId, deps.now()),
    markUnreachable: (channel, chatId) => markUnreachable(deps.db, channel, chatId),
    markReachable: (channel, chatId) => markReachable(deps.db, channel, chatId),
  };
}

import { noteGroupChat } from '../storage/repos/group-chats.ts';
import type { ServiceDeps } from './deps.ts';

/** The contest runs in private chats only; in a group the bot says so once. */
export interface GroupChatsService {
  /** True the first time a group chat writes to the bot (answer it once); false ever after, restarts included. */
  firstMessage(channel: string, chatId: string): Promise<boolean>;
}

export function createGroupChatsService(deps: ServiceDeps): GroupChatsService {
  return {
    firstMessage: (channel, chatId) => noteGroupChat(deps.db, channel, chatId, deps.now()),
  };
}

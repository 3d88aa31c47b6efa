import type { Command } from '../contract/commands.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';
import { viLinkAccounts as t } from '../messages/vi.ts';

/**
 * /noi <code>: a chat account joins the web-only person whose result page showed the code — attached when it has no
 * registered person, merged when it has one and the two fit one person's attempts, else refused ("liên hệ cán bộ").
 * Anyone's command: an account still registering (or never seen) may send it.
 */
export async function linkAccount(ctx: PresentationContext, command: Command, event: InboundEvent): Promise<OutMessage[]> {
  if (!command.args.trim()) return [{ text: t.usage }];
  const r = await ctx.services.links.redeem(command.args, { channel: event.channel, userId: event.userId, chatId: event.chatId });
  switch (r.kind) {
    case 'attached':
      return [{ text: t.attached(r.name) }];
    case 'merged':
      return [{ text: t.merged(r.name, r.attemptsMoved) }];
    case 'refused':
      return [{ text: r.reason === 'too_many_attempts' ? t.refusedAttempts : r.reason === 'two_open' ? t.refusedOpen : t.refusedHasChat }];
    case 'expired':
      return [{ text: t.expired }];
    case 'used':
      return [{ text: t.used }];
    case 'limited':
      return [{ text: t.limited }];
    case 'invalid':
    case 'not_web':
      return [{ text: t.invalid }];
  }
}

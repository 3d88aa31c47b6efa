import { formatDateTime } from '../core/time.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';
import { vi, viDashboard } from '../messages/vi.ts';

/** Where the sign-in page is; the token rides in the query (the page's POST, not this GET, spends it). */
export const SIGN_IN_PATH = '/quan-tri/dang-nhap';

/**
 * `/web` from a district or unit official: a one-time sign-in link to the dashboard, valid 10 minutes, sent without a
 * link preview (a preview fetch could not spend it anyway: only the page's button does).
 */
export async function webSignInLink(ctx: PresentationContext, event: InboundEvent): Promise<OutMessage[]> {
  const link = await ctx.services.webSessions.createSignIn({ channel: event.channel, userId: event.userId });
  if (!link) return [{ text: vi.adminOnly }];
  const base = ctx.webBaseUrl ?? '';
  const url = `${base}${SIGN_IN_PATH}?t=${link.token}`;
  return [{ text: viDashboard.webLink(url, formatDateTime(link.expiresAt, ctx.campaign.timezone)), noPreview: true }];
}

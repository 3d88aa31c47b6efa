import { formatDateTime } from '../core/time.ts';
import type { Command } from '../contract/commands.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';
import { viOfficials as t } from '../messages/vi.ts';
import type { CodeUse, UnitOfficial } from '../services/officials.ts';

const text = (s: string): OutMessage[] => [{ text: s }];
const accountOf = (event: InboundEvent) => ({ channel: event.channel, userId: event.userId });
const who = (o: Pick<UnitOfficial, 'name' | 'channel' | 'accountId'>) => `${o.name ?? t.noName} (${o.channel}:${o.accountId})`;

// District officials' granting: /capquyen <unit code>, /dsquyen, /thuhoiquyen <id>.
const firstArg = (cmd: Command) => cmd.args.split(/\s+/u)[0] ?? '';

/** `/capquyen <unit code>`: a one-time code that makes its user the unit's official. */
export async function createGrantCode(ctx: PresentationContext, cmd: Command, event: InboundEvent): Promise<OutMessage[]> {
  const arg = firstArg(cmd);
  if (!arg) return text(t.grantUsage);
  const r = await ctx.services.officials.createCode(arg, accountOf(event));
  return text(r.kind === 'created' ? t.codeCreated(r.unit.name, r.code, formatDateTime(r.expiresAt, ctx.campaign.timezone)) : t.grantUnknownUnit(arg));
}

/** `/dsquyen`: the unit officials and the codes not used yet. */
export async function officialsList(ctx: PresentationContext): Promise<OutMessage[]> {
  const officials = ctx.services.officials;
  const tz = ctx.campaign.timezone;
  const list = await officials.list();
  const codes = await officials.openCodes();
  const lines = list.length
    ? [t.listHeader(list.length), ...list.map((o) => t.listRow(o.id, o.name ?? t.noName, o.unit.name, `${o.channel}:${o.accountId}`, o.source === 'file' ? t.sourceFile : t.sourceCode, formatDateTime(o.grantedAt, tz)))]
    : [t.listNone];
  if (codes.length) lines.push('', t.openCodesHeader, ...codes.map((c) => t.openCodeRow(c.unit.name, formatDateTime(c.expiresAt, tz))));
  if (list.length) lines.push('', t.revokeHint);
  return text(lines.join('\n'));
}

/** `/thuhoiquyen <id>`: revokes a unit official's role. */
export async function revokeOfficial(ctx: PresentationContext, cmd: Command, event: InboundEvent): Promise<OutMessage[]> {
  const arg = firstArg(cmd);
  if (!/^#?\d{1,9}$/u.test(arg)) return text(t.revokeUsage);
  const r = await ctx.services.officials.revoke(Number(arg.replace('#', '')), accountOf(event));
  return text(r.kind === 'revoked' ? t.revoked(who(r.official), r.official.unit.name) : t.revokeUnknown(arg));
}

const useNotice = (ctx: PresentationContext, u: CodeUse) => t.codeUsed(u.unit.name, u.official ? who(u.official) : u.usedBy, formatDateTime(u.usedAt, ctx.campaign.timezone));

/** `/nhanquyen <code>`, from anyone: the code a district official handed out makes the sender their unit's official. */
export async function redeemCode(ctx: PresentationContext, cmd: Command, event: InboundEvent): Promise<OutMessage[]> {
  if (!cmd.args.trim()) return text(t.redeemUsage);
  const tellGrantor = (u: CodeUse) => useNotice(ctx, u);
  const r = await ctx.services.officials.redeem(cmd.args, { ...accountOf(event), ...(event.displayName ? { displayName: event.displayName } : {}), isDistrict: event.isAdmin }, tellGrantor);
  switch (r.kind) {
    case 'granted':
      return [{ text: t.granted(r.official.unit.name) }, { text: t.unitHelp(r.official.unit.name) }];
    case 'expired':
      return text(t.redeemExpired);
    case 'used':
      return text(t.redeemUsed);
    case 'district':
      return text(t.redeemDistrict);
    case 'invalid':
      return text(t.redeemInvalid);
  }
}

/**
 * What the grantor has not been told yet: each use of a code they handed out, once, with their next officials'
 * command. Uses are pushed to the grantor when the code is redeemed (redeemCode); this is for grantors a push cannot
 * reach (the local chat) and codes used before pushes existed.
 */
export async function codeUseNotices(ctx: PresentationContext, event: InboundEvent): Promise<OutMessage[]> {
  const uses = await ctx.services.officials.takeCodeUses(accountOf(event));
  return uses.map((u) => ({ text: useNotice(ctx, u) }));
}

/** Invite payloads carried by a link or typed after /start: "u-<unit code>" (a unit's link) or "r-<invite code>" (a person's). */
export type InvitePayload = { kind: 'unit'; code: string } | { kind: 'person'; code: string };

export function unitPayload(code: string): string {
  return `u-${code}`;
}

export function personPayload(inviteCode: string): string {
  return `r-${inviteCode}`;
}

/** Undefined for anything that is not a well-formed payload (forged or garbled links are ignored). */
export function parseInvitePayload(payload: string | undefined): InvitePayload | undefined {
  if (!payload) return undefined;
  if (/^u-[A-Za-z0-9]{1,12}$/u.test(payload)) return { kind: 'unit', code: payload.slice(2) };
  if (/^r-[A-Za-z0-9_-]{6,16}$/u.test(payload)) return { kind: 'person', code: payload.slice(2) };
  return undefined;
}

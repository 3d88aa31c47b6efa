/**
 * A message recorded for someone else's chat (a grantor told that their code was used), in a form every channel's
 * inbox delivers: the recipient may be on another channel than the person whose update produced it.
 */
export interface PushedMessages {
  pushed: { text: string }[];
}

export function encodePushed(messages: { text: string }[]): string {
  return JSON.stringify({ pushed: messages.map((m) => ({ text: m.text })) } satisfies PushedMessages);
}

/** The texts of a pushed body, or undefined for a channel's own reply body. */
export function parsePushed(decoded: unknown): { text: string }[] | undefined {
  const pushed = (decoded as Partial<PushedMessages> | null)?.pushed;
  return Array.isArray(pushed) && pushed.every((m) => typeof m?.text === 'string') ? pushed : undefined;
}

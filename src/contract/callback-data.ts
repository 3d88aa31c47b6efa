/**
 * Callback data of the dialogue's buttons, one build/parse pair per kind. Telegram allows 64 bytes: short ids only.
 * Channels without buttons match a typed key or label to the same data instead.
 */

/** "cmd:thi" — a button that runs a command. */
export const commandData = (commandLine: string) => `cmd:${commandLine}`;
export const parseCommandData = (data: string) => (data.startsWith('cmd:') ? data.slice(4) : undefined);

/** "a:<attempt>:<position>:<shown option>" — an answer. */
export function answerData(attemptId: number, position: number, shownIndex: number): string {
  return `a:${attemptId}:${position}:${shownIndex}`;
}
export function parseAnswerData(data: string): { attemptId: number; position: number; shownIndex: number } | undefined {
  const m = /^a:(\d{1,12}):(\d{1,3}):(\d)$/u.exec(data);
  return m ? { attemptId: Number(m[1]), position: Number(m[2]), shownIndex: Number(m[3]) } : undefined;
}

/** "c:<commune code>" — a commune picked at registration or by /doixa. */
export const communeData = (code: string) => `c:${code}`;
export const parseCommuneData = (data: string) => (/^c:[A-Za-z0-9]{1,12}$/u.test(data) ? data.slice(2) : undefined);

/** "cc:y" / "cc:n" — the answer to "Bạn chọn <commune>?" after a commune was typed. */
export const confirmCommuneData = (yes: boolean) => (yes ? 'cc:y' : 'cc:n');
export const parseConfirmCommuneData = (data: string) => (data === 'cc:y' ? true : data === 'cc:n' ? false : undefined);

/** "g:<agency code>", "g:-" for none. */
export const agencyData = (code: string | null) => `g:${code ?? '-'}`;
export function parseAgencyData(data: string): { code: string | null } | undefined {
  if (data === 'g:-') return { code: null };
  return /^g:[A-Za-z0-9]{1,12}$/u.test(data) ? { code: data.slice(2) } : undefined;
}

export const CONSENT_DATA = 'ok';
/** Use the platform's display name as the full name. */
export const DISPLAY_NAME_DATA = 'n:d';
export const SKIP_PHONE_DATA = 'p:-';
export const SKIP_PREDICTION_DATA = 'pr:-';

/** "del:y" / "del:n" — the answer to "delete my data?". */
export const deleteData = (yes: boolean) => (yes ? 'del:y' : 'del:n');
export const parseDeleteData = (data: string) => (data === 'del:y' ? true : data === 'del:n' ? false : undefined);

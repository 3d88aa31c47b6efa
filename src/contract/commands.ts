import { foldText } from '../core/input.ts';

/** Citizen commands, with the plain words people type on channels without a command menu (Zalo, terminal). */
export const CITIZEN_COMMANDS = ['start', 'thi', 'ketqua', 'huongdan', 'moi', 'doixa', 'tatnhacnho', 'batnhacnho', 'xoadulieu'] as const;
export const ADMIN_COMMANDS = ['bxh', 'bxhxa', 'bxhhuyen', 'bxhdv', 'bxhvd', 'thongke', 'xuat', 'link', 'admin', 'nhacnho', 'guinhacnho', 'thongbao', 'xacnhan', 'chuathi', 'capquyen', 'dsquyen', 'thuhoiquyen', 'khenthuong', 'ketquavong', 'web'] as const;
/** Officials' commands anyone may send: the unit official's side of granting. */
export const GRANT_COMMANDS = ['nhanquyen'] as const;
export type CommandName = (typeof CITIZEN_COMMANDS)[number] | (typeof ADMIN_COMMANDS)[number] | (typeof GRANT_COMMANDS)[number];
/** A command menu (Telegram setMyCommands): command → description. Keyed by command name, so a misspelt command does not compile. */
export type CommandMenu = { readonly [K in CommandName]?: string };

const ALL = new Set<string>([...CITIZEN_COMMANDS, ...ADMIN_COMMANDS, ...GRANT_COMMANDS]);
const WORDS: Record<string, CommandName> = {
  'bat dau': 'start',
  'vao thi': 'thi',
  'lam bai': 'thi',
  'ket qua': 'ketqua',
  'huong dan': 'huongdan',
  'tro giup': 'huongdan',
  'moi ban': 'moi',
  'doi xa': 'doixa',
  'tat nhac nho': 'tatnhacnho',
  'bat nhac nho': 'batnhacnho',
  'xoa du lieu': 'xoadulieu',
  'thong ke': 'thongke',
  'nhac nho': 'nhacnho',
  'gui nhac nho': 'guinhacnho',
  'ket qua vong': 'ketquavong',
};

export interface Command {
  name: CommandName;
  args: string;
}

/**
 * "/thi", "/bxh@cds_bot 20", and — when `bareWords` — "thi", "Kết quả", "BXH". Returns undefined for other text.
 * Bare words are off while a person types free text (their name), where "Thi" may be a real name.
 */
export function parseCommand(text: string, bareWords: boolean): Command | undefined {
  const trimmed = text.trim();
  const slash = /^\/([A-Za-z]+)(?:@\w+)?(?:\s+([\s\S]*))?$/u.exec(trimmed);
  if (slash) {
    const name = slash[1]!.toLowerCase();
    return ALL.has(name) ? joined(name as CommandName, (slash[2] ?? '').trim()) : undefined;
  }
  if (!bareWords) return undefined;
  const folded = foldText(trimmed);
  const [first = ''] = folded.split(' ');
  if (ALL.has(first) && first.length > 1) return joined(first as CommandName, trimmed.split(/\s+/u).slice(1).join(' '));
  const phrase = WORDS[folded];
  return phrase ? { name: phrase, args: '' } : undefined;
}

/** "bxh xa" is "bxhxa" (likewise "bxh dv", "bxh vd"): a command whose first argument completes a longer one. */
function joined(name: CommandName, args: string): Command {
  const [word = '', ...rest] = args.split(/\s+/u);
  const longer = `${name}${foldText(word)}`;
  return word && ALL.has(longer) ? { name: longer as CommandName, args: rest.join(' ') } : { name, args };
}

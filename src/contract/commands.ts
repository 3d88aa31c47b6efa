import { foldText } from '../core/input.ts';

/**
 * Who may send a command: a registered person (`citizen`), a unit official (their role looked up on every command),
 * a district official (from the configuration), or `anyone` (/nhanquyen, which makes a unit official, and /noi, which
 * joins a chat account to a web-only person: both are sent before one is registered or an official).
 */
export type Role = 'citizen' | 'unit' | 'district' | 'anyone';

/** The channel-free part of a command: who may use it, and how it is typed. */
interface CommandSpec {
  readonly roles: readonly Role[];
  /** Plain phrases (folded: no diacritics, lower case) that also call it on channels without a command menu (Zalo, terminal). */
  readonly words?: readonly string[];
  /** Its arguments may name a unit: a unit official naming another unit is refused before the command runs. */
  readonly namesUnit?: true;
}

/**
 * Every chat command, once: its name (the key), its roles, its bare words, the shape of its arguments. Parsing reads
 * these entries; the dialogue binds each name to its handlers (src/conversation/command-registry.ts) and src/messages
 * gives each its help line and menu entry, keyed by name, for the roles listed here.
 */
export const COMMANDS = {
  start: { roles: ['citizen'], words: ['bat dau'] },
  thi: { roles: ['citizen'], words: ['vao thi', 'lam bai'] },
  ketqua: { roles: ['citizen'], words: ['ket qua'] },
  huongdan: { roles: ['citizen', 'unit', 'district'], words: ['huong dan', 'tro giup'] },
  moi: { roles: ['citizen'], words: ['moi ban'] },
  chungnhan: { roles: ['citizen'], words: ['chung nhan', 'giay chung nhan'] },
  doixa: { roles: ['citizen'], words: ['doi xa'] },
  tatnhacnho: { roles: ['citizen'], words: ['tat nhac nho'] },
  batnhacnho: { roles: ['citizen'], words: ['bat nhac nho'] },
  xoadulieu: { roles: ['citizen'], words: ['xoa du lieu'] },
  bxh: { roles: ['unit', 'district'], namesUnit: true },
  bxhxa: { roles: ['district'] },
  bxhhuyen: { roles: ['district'] },
  bxhdv: { roles: ['district'] },
  bxhvd: { roles: ['district'] },
  thongke: { roles: ['unit', 'district'], words: ['thong ke'], namesUnit: true },
  xuat: { roles: ['unit', 'district'], namesUnit: true },
  link: { roles: ['unit', 'district'], namesUnit: true },
  admin: { roles: ['district'] },
  nhacnho: { roles: ['unit', 'district'], words: ['nhac nho'], namesUnit: true },
  guinhacnho: { roles: ['district'], words: ['gui nhac nho'] },
  thongbao: { roles: ['unit', 'district'] },
  xacnhan: { roles: ['unit', 'district'] },
  chuathi: { roles: ['unit', 'district'], namesUnit: true },
  capquyen: { roles: ['district'] },
  dsquyen: { roles: ['district'] },
  thuhoiquyen: { roles: ['district'] },
  khenthuong: { roles: ['district'] },
  ketquavong: { roles: ['unit', 'district'], words: ['ket qua vong'] },
  web: { roles: ['unit', 'district'] },
  kiemtra: { roles: ['unit', 'district'], words: ['kiem tra'] },
  nhanquyen: { roles: ['anyone'] },
  noi: { roles: ['anyone'] },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
/** The roles that may use command K. */
export type RolesOf<K extends CommandName> = (typeof COMMANDS)[K]['roles'][number];
/** The commands role R may use. */
export type CommandOf<R extends Role> = { [K in CommandName]: R extends RolesOf<K> ? K : never }[CommandName];
/** A command menu (Telegram setMyCommands) of role R: command → description, in display order; a command may be left off. */
export type CommandMenu<R extends Role = Role> = { readonly [K in CommandOf<R>]?: string };
/** A help text's command lines of role R, in reading order: every command R may use, with its lines (none: `[]`). */
export type CommandHelp<R extends Role> = { readonly [K in CommandOf<R>]: string | readonly string[] };

const spec = (name: CommandName): CommandSpec => COMMANDS[name];
export const mayUse = (name: CommandName, role: Role): boolean => spec(name).roles.includes(role);
export const namesUnit = (name: CommandName): boolean => spec(name).namesUnit === true;

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);
const WORDS = new Map<string, CommandName>(COMMAND_NAMES.flatMap((name) => (spec(name).words ?? []).map((w) => [w, name] as const)));

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
    return isCommand(name) ? joined(name, (slash[2] ?? '').trim()) : undefined;
  }
  if (!bareWords) return undefined;
  const folded = foldText(trimmed);
  const [first = ''] = folded.split(' ');
  if (isCommand(first) && first.length > 1) return joined(first, trimmed.split(/\s+/u).slice(1).join(' '));
  const phrase = WORDS.get(folded);
  return phrase ? { name: phrase, args: '' } : undefined;
}

/** "bxh xa" is "bxhxa" (likewise "bxh dv", "bxh vd"): a command whose first argument completes a longer one. */
function joined(name: CommandName, args: string): Command {
  const [word = '', ...rest] = args.split(/\s+/u);
  const longer = `${name}${foldText(word)}`;
  return word && isCommand(longer) ? { name: longer, args: rest.join(' ') } : { name, args };
}

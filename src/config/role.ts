import { viOperator } from '../messages/operator.ts';

/** What a process does: `bot` receives and answers, `worker` sends reminders, `all` both. */
export type Role = 'all' | 'bot' | 'worker';

/** `--role=bot|worker|all` wins over ROLE. */
export function roleFrom(args: readonly string[], envRole: Role): Role {
  const arg = args.find((a) => a.startsWith('--role='))?.slice('--role='.length);
  if (arg === undefined) return envRole;
  if (arg !== 'all' && arg !== 'bot' && arg !== 'worker') throw new Error(viOperator.env.role(arg));
  return arg;
}

import { defaultDatabasePath, EnvError, loadEnv, type Env } from '../config/env.ts';

/** The environment for a command-line tool; an invalid one is printed and the tool exits 1. */
export function cliEnv(): Env & { DATABASE_URL: string } {
  try {
    const env = loadEnv();
    return { ...env, DATABASE_URL: env.DATABASE_URL ?? defaultDatabasePath(env) };
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

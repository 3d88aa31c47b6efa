import { EnvError, loadDatabaseEnv, type Env } from '../config/env.ts';

/** The database tools' environment (config/env.ts loadDatabaseEnv); an invalid one is printed and the tool exits 1. */
export function databaseEnvOrExit(): Env & { DATABASE_URL: string } {
  try {
    return loadDatabaseEnv();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

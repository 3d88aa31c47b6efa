import { afterAll } from 'vitest';
import { dropTestDatabases } from './db.ts';

// Every test file: the PostgreSQL databases it created are dropped when it ends.
afterAll(dropTestDatabases);

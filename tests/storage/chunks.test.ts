import { describe, expect, it } from 'vitest';
import { accountKeysOf, identityHashesOf } from '../../src/storage/repos/accounts.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { appPerTest, textUser } from '../helpers/app.ts';

describe('reads by a long list of people', () => {
  const t = appPerTest('2023-07-12T09:00:00+07:00');

  // A final round's results file reads the accounts of everyone who finished (300,000 in the bench): more ids than
  // SQLite (32,766) or PostgreSQL (65,535) take as bound parameters of one statement.
  it('should read the accounts and identity hashes of 70,000 people without exceeding a database\'s parameter limit', async () => {
    await textUser(t.app, 'u-an').register('Hà Văn An', 2);
    const an = (await findParticipant(t.app.db, 'test', 'u-an'))!.id;
    const ids = [...Array.from({ length: 70_000 }, (_, i) => 1_000_000 + i), an];
    const accounts = await accountKeysOf(t.app.db, ids);
    expect([...accounts]).toEqual([[an, ['test:u-an']]]);
    expect((await identityHashesOf(t.app.db, ids)).size).toBe(0);
  });
});

import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { createInboxRunner, type InboxAdapter } from '../../src/channels/inbox.ts';
import type { Services } from '../../src/services/index.ts';
import { vi as texts } from '../../src/messages/vi.ts';
import { createTestApp, tempDir } from '../helpers/app.ts';
import { waitFor } from '../helpers/wait.ts';

/** What the database throws when it is gone (PostgreSQL stopped). */
const gone = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** A channel that records what it would send; updates are `{ id, chat }`. */
function recordingAdapter() {
  const notices: { chatId: string; text: string }[] = [];
  const adapter: InboxAdapter = {
    channel: 'test',
    bot: 'test-bot',
    identify: (raw) => {
      const u = raw as { id: string; chat: string };
      return { updateId: u.id, chatKey: u.chat, chatId: u.chat };
    },
    handle: async () => ({ outcome: 'handled' }),
    calls: () => [],
    notify: async (chatId, text) => {
      notices.push({ chatId, text });
    },
  };
  return { adapter, notices };
}

describe('the inbox while the database goes away', () => {
  let dir: ReturnType<typeof tempDir>;
  let app: App;
  beforeEach(async () => {
    dir = tempDir();
    app = await createTestApp({ now: Date.now, dir: dir.path });
  });
  afterEach(async () => {
    await app.close();
    dir.remove();
  });

  it('should still tell a person about the fault when processing their stored message failed first', async () => {
    let down = false;
    let processingFaults = 0;
    const intake: Services['intake'] = {
      ...app.services.intake,
      receive: (u) => (down ? Promise.reject(gone()) : app.services.intake.receive(u)),
      processNext: () => {
        // The database goes away between storing a message and processing it.
        down = true;
        processingFaults += 1;
        return Promise.reject(gone());
      },
    };
    const { adapter, notices } = recordingAdapter();
    const inbox = createInboxRunner(adapter, {
      services: { ...app.services, intake },
      conversationFor: () => app.conversation,
      log: pino({ level: 'silent' }),
      now: Date.now,
      health: app.health,
      sweepEveryMs: 60_000,
    });
    try {
      expect(await inbox.receive({ id: '1', chat: 'an' })).toBe('stored');
      await waitFor('processing to fail', () => processingFaults > 0);
      await inbox.idle();
      expect(notices).toEqual([]);

      // Their next message cannot be stored: now they are told, once, however often it is redelivered.
      await expect(inbox.receive({ id: '2', chat: 'an' })).rejects.toThrow(/ECONNREFUSED/u);
      await expect(inbox.receive({ id: '2', chat: 'an' })).rejects.toThrow(/ECONNREFUSED/u);
      await waitFor('the notice', () => notices.length > 0);
      expect(notices).toEqual([{ chatId: 'an', text: texts.systemFault }]);
      expect(app.health.status()).toMatchObject({ ok: false, reason: 'database_unreachable' });
    } finally {
      await inbox.stop();
    }
  });

  it('should reject, not retry, an update whose value the database refuses (a data exception), and open no incident', async () => {
    // PostgreSQL's answer to a NUL character in text: class 22, the value's fault, not the database's.
    const refused = () => Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    let storeFailures = 0;
    let sweeps = 0;
    const intake: Services['intake'] = {
      ...app.services.intake,
      // The first store of update 1 is refused for its payload; the record of its rejection (without it) is taken.
      receive: (u) => (u.updateId === '1' && !u.rejected && ++storeFailures ? Promise.reject(refused()) : app.services.intake.receive(u)),
      chatsWithPendingUpdates: (channel) => {
        sweeps += 1;
        return app.services.intake.chatsWithPendingUpdates(channel);
      },
    };
    const { adapter, notices } = recordingAdapter();
    let handled = 0;
    const inbox = createInboxRunner(
      { ...adapter, handle: async () => (++handled === 1 ? Promise.reject(refused()) : { outcome: 'handled' }) },
      { services: { ...app.services, intake }, conversationFor: () => app.conversation, log: pino({ level: 'silent' }), now: Date.now, health: app.health, sweepEveryMs: 50 },
    );
    try {
      expect(await inbox.receive({ id: '1', chat: 'an' })).toBe('rejected');
      // Stored, then refused while processing: rejected once, never retried by the sweeps.
      expect(await inbox.receive({ id: '2', chat: 'an' })).toBe('stored');
      await waitFor('processing', () => handled >= 1);
      await inbox.idle();
      const after = sweeps;
      await waitFor('a few sweeps', () => sweeps >= after + 3);
      expect(handled).toBe(1);
      const rows = await app.db.selectFrom('inbox').select(['update_id', 'status', 'outcome']).where('channel', '=', 'test').orderBy('id').execute();
      expect(rows).toEqual([
        { update_id: '1', status: 'rejected', outcome: 'rejected: could not be stored' },
        { update_id: '2', status: 'processed', outcome: 'rejected: processing failed' },
      ]);
      expect([storeFailures, notices, app.health.status()]).toEqual([1, [], { ok: true }]);
    } finally {
      await inbox.stop();
    }
  });
});

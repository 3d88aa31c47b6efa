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
      expect(app.health.status()).toMatchObject({ ok: false, reason: expect.stringMatching(/ECONNREFUSED/u) });
    } finally {
      await inbox.stop();
    }
  });
});

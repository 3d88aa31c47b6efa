import type { App } from '../../src/app.ts';
import { DEFAULT_CHANNEL_RATE, DEFAULT_REMINDER_SETTINGS, type ChannelRate, type ReminderSettings } from '../../src/core/reminder-slots.ts';
import type { InboundEvent } from '../../src/contract/messages.ts';
import pino, { type Logger } from 'pino';
import { createReminderQueue, startReminders, type Reminders, type StartRemindersOptions } from '../../src/reminders/runtime.ts';
import { FakeChannel } from '../support/reminders/fake-channel.ts';
import { cleanupPrefix, Clock, REDIS_URL, testApp, testPrefix, tempDir, unsettled, waitFor } from '../support/reminders/harness.ts';

export function settingsWith(rate: Partial<ChannelRate>): ReminderSettings {
  return { ...DEFAULT_REMINDER_SETTINGS, channels: { telegram: { ...DEFAULT_CHANNEL_RATE, perSecond: 25, ...rate } } };
}

export interface Rig {
  app: App;
  clock: Clock;
  channel: FakeChannel;
  rem: Reminders;
  prefix: string;
  /** Sweeps at the clock's time and waits until every delivery is settled. */
  sweepAndSettle(): Promise<string[]>;
  admin(text: string, data?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real app on a fresh SQLite file, a real worker on its own Redis prefix, a fake channel. `extra.env` overrides the
 * app's environment (e.g. CAMPAIGN_FILE); `extra.log` receives the worker's log.
 */
export async function rig(start: number, channel: FakeChannel, opts: StartRemindersOptions = {}, extra: { env?: Record<string, string>; log?: Logger; before?: (app: App) => Promise<void> } = {}): Promise<Rig> {
  const tmp = tempDir();
  const clock = new Clock(start);
  const prefix = testPrefix();
  // The queue is the rig's own, so it must be on the Redis the test asked for (a private one it may restart).
  const redisUrl = opts.redisUrl ?? REDIS_URL;
  const queue = createReminderQueue({ redisUrl, prefix, worker: true, channels: [channel.name], log: extra.log ?? pino({ level: 'silent' }) });
  const app = await testApp(tmp.path, clock, extra.env ?? {}, queue);
  // What must be stored before the worker starts (with autoSweep its first sweep may run at once).
  if (extra.before) await extra.before(app);
  const rem = startReminders(app, [channel], { role: 'worker', queue, now: clock.now, schedulers: false, autoSweep: false, lockDurationMs: 5000, concurrency: 8, ...opts });
  await rem.ready();
  const idle = async () => {
    const busy = await app.db.selectFrom('reminder_runs').select('run_id').where('status', 'in', ['requested', 'fanning_out']).execute();
    return busy.length === 0 && (await unsettled(app)) === 0;
  };
  return {
    app,
    clock,
    channel,
    rem,
    prefix,
    sweepAndSettle: async () => {
      const { started } = await rem.sweep();
      if (started.length) await waitFor('deliveries settled', idle, 30_000);
      return started;
    },
    admin: async (text, data) => {
      const event: InboundEvent = {
        channel: 'telegram',
        userId: 'official-1',
        chatId: 'official-1',
        isAdmin: true,
        capabilities: channel.capabilities,
        inviteLink: (p) => p,
        input: data ? { kind: 'choice', data } : { kind: 'text', text },
      };
      const reply = await app.conversation.handle(event);
      return reply.messages.map((m) => m.text).join('\n');
    },
    stop: async () => {
      await rem.close();
      await queue.close();
      await cleanupPrefix(prefix, undefined, redisUrl);
      await app.close();
      tmp.remove();
    },
  };
}

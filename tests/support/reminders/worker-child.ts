/**
 * A reminders worker process for tests: the real app and startReminders with role "worker", sending through a
 * FakeChannel that appends each delivery to SINK_FILE (the parent reads it). The clock starts at NOW_MS.
 */
import pino from 'pino';
import { createApp } from '../../../src/app.ts';
import { loadEnv } from '../../../src/config/env.ts';
import { DEFAULT_CHANNEL_RATE, DEFAULT_REMINDER_SETTINGS } from '../../../src/core/reminder-slots.ts';
import { startReminders } from '../../../src/reminders/runtime.ts';
import { FakeChannel } from './fake-channel.ts';

const env = loadEnv(process.env, '/nonexistent');
const started = Date.now();
const now = () => Number(process.env.NOW_MS) + (Date.now() - started);
const app = await createApp(env, { now, log: pino({ level: 'silent' }) });
const perSecond = Number(process.env.RATE ?? 50);
const channel = new FakeChannel({ sinkFile: process.env.SINK_FILE!, latencyMs: Number(process.env.LATENCY_MS ?? 5), perSecond: 1000, perChatMs: 0 });
const settings = { ...DEFAULT_REMINDER_SETTINGS, channels: { telegram: { ...DEFAULT_CHANNEL_RATE, perSecond } } };
const rem = startReminders(app, [channel], { role: 'worker', now, schedulers: false, autoSweep: true, lockDurationMs: 1500, concurrency: 4, settings, pageSize: Number(process.env.PAGE_SIZE ?? 500) });
await rem.ready();
process.stdout.write('ready\n');
const stop = async () => {
  await rem.close();
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());

/**
 * Child process of the Telegram benchmark: the fake Bot API server plus simulated people, on their own CPU core so
 * that the bot process measures only itself. Each person taps as soon as the bot's previous answer arrives (a closed
 * loop of 1,000 concurrent users). Talks to the parent over IPC.
 */
import { startFakeTelegram, type FakeTelegram, type SentEntry } from '../../tests/support/fake-telegram/index.ts';

export interface RunRequest {
  type: 'go';
  mode: 'quiz' | 'bare';
  userIds: number[];
  /** Bare mode: taps per person (quiz mode: one whole attempt). */
  taps: number;
}

export interface RunStats {
  type: 'done';
  taps: number;
  windowMs: number;
  /** From the tap reaching the fake to the bot's next message: includes waiting in the update queue. */
  endToEnd: number[];
  /** From getUpdates handing the tap to the bot to the bot's next message: the bot's own processing time. */
  processing: number[];
}

interface Person {
  pendingUpdate?: number;
  pushedAt?: number;
  taps: number;
}

let fake: FakeTelegram | undefined;

function percentileReady(values: number[]): number[] {
  return values.sort((a, b) => a - b);
}

async function run(req: RunRequest): Promise<RunStats> {
  const f = fake!;
  const people = new Map<string, Person>(req.userIds.map((id) => [String(id), { taps: 0 }]));
  const deliveredAt = new Map<number, number>();
  const endToEnd: number[] = [];
  const processing: number[] = [];
  let first = 0;
  let last = 0;
  let remaining = people.size;
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));

  f.onDelivered((updates) => {
    const now = performance.now();
    for (const u of updates) if (!deliveredAt.has(u.update_id)) deliveredAt.set(u.update_id, now);
  });
  const tap = (chatId: string, person: Person, messageId: number, data: string) => {
    person.pushedAt = performance.now();
    if (!first) first = person.pushedAt;
    person.pendingUpdate = f.user(Number(chatId)).tapData(messageId, data);
  };
  const done = (person: Person) => {
    person.taps = Number.POSITIVE_INFINITY;
    remaining -= 1;
    if (remaining === 0) resolve();
  };
  f.onSent((e: SentEntry) => {
    if (e.method !== 'sendMessage') return;
    const person = people.get(e.chatId);
    if (!person || person.taps === Number.POSITIVE_INFINITY) return;
    const now = performance.now();
    if (person.pendingUpdate !== undefined) {
      endToEnd.push(now - person.pushedAt!);
      const delivered = deliveredAt.get(person.pendingUpdate);
      if (delivered !== undefined) processing.push(now - delivered);
      person.pendingUpdate = undefined;
      person.taps += 1;
      last = now;
    }
    const button = e.replyMarkup?.inline_keyboard?.[0]?.[0]?.callback_data;
    if (req.mode === 'quiz') {
      if (button?.startsWith('a:')) tap(e.chatId, person, e.messageId!, button);
      else if (person.taps > 0) done(person);
    } else if (person.taps < req.taps) {
      tap(e.chatId, person, 0, 'x');
    } else {
      done(person);
    }
  });
  for (const id of req.userIds) {
    if (req.mode === 'quiz') f.user(id).send('/thi');
    else tap(String(id), people.get(String(id))!, 0, 'x');
  }
  await finished;
  const taps = endToEnd.length;
  return { type: 'done', taps, windowMs: last - first, endToEnd: percentileReady(endToEnd), processing: percentileReady(processing) };
}

process.on('message', (msg: { type: 'start' | 'go' | 'close' | 'exit' } & Partial<Omit<RunRequest, 'type'>>) => {
  void (async () => {
    if (msg.type === 'start') {
      fake = await startFakeTelegram();
      process.send!({ type: 'ready', url: fake.url, token: fake.token });
    } else if (msg.type === 'go') {
      process.send!(await run(msg as RunRequest));
    } else if (msg.type === 'close') {
      await fake?.close();
      fake = undefined;
      process.send!({ type: 'closed' });
    } else if (msg.type === 'exit') {
      process.disconnect();
    }
  })();
});

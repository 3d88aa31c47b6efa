/**
 * Runs tasks one after another per key (a chat) and concurrently across keys: two quick taps of one person are
 * processed in the order they came, while a thousand people are served at once. Holds only promises, no state that a
 * restart could lose.
 */
export interface PerChatQueue {
  run(key: string, task: () => Promise<void>): Promise<void>;
  /** Resolves when every task queued so far has finished. */
  drain(): Promise<void>;
  readonly active: number;
}

export function createPerChatQueue(): PerChatQueue {
  const tails = new Map<string, Promise<void>>();
  const all = new Set<Promise<void>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      // Tasks handle their own errors; a rejection must still not block the chat's next task.
      const current = previous.then(task).catch(() => undefined);
      tails.set(key, current);
      all.add(current);
      // Bookkeeping only, not awaited: `current` never rejects (caught above).
      void current.finally(() => {
        all.delete(current);
        if (tails.get(key) === current) tails.delete(key);
      });
      return current;
    },
    async drain() {
      while (all.size > 0) await Promise.all([...all]);
    },
    get active() {
      return all.size;
    },
  };
}

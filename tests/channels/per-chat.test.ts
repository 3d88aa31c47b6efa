import { describe, expect, it } from 'vitest';
import { createPerChatQueue } from '../../src/channels/per-chat.ts';

/** A task that waits until `open()` is called. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('per-chat queue', () => {
  it('should run one chat’s tasks in the order they came', async () => {
    const queue = createPerChatQueue();
    const order: string[] = [];
    const first = gate();
    void queue.run('a', async () => {
      await first.opened;
      order.push('a1');
    });
    void queue.run('a', async () => void order.push('a2'));
    first.open();
    await queue.drain();
    expect(order).toEqual(['a1', 'a2']);
  });

  it('should run another chat’s task while one chat waits', async () => {
    const queue = createPerChatQueue();
    const order: string[] = [];
    const blocked = gate();
    void queue.run('a', async () => {
      await blocked.opened;
      order.push('a1');
    });
    await queue.run('b', async () => void order.push('b1'));
    expect(order).toEqual(['b1']);
    expect(queue.active).toBe(1);
    blocked.open();
    await queue.drain();
    expect(order).toEqual(['b1', 'a1']);
  });

  it('should run a chat’s next task after one that failed', async () => {
    const queue = createPerChatQueue();
    const order: string[] = [];
    void queue.run('a', async () => {
      throw new Error('boom');
    });
    await queue.run('a', async () => void order.push('a2'));
    expect(order).toEqual(['a2']);
  });
});

import { describe, expect, it } from 'vitest';
import { createPerChatQueue, type PerChatQueue } from '../../src/channels/per-chat.ts';

/** A queue whose chat "a" is busy with task "a1" until `release`; `order` records the tasks as they finish. */
function busyChat(): { queue: PerChatQueue; order: string[]; release: () => void } {
  const queue = createPerChatQueue();
  const order: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  void queue.run('a', async () => {
    await released;
    order.push('a1');
  });
  return { queue, order, release };
}

describe('per-chat queue', () => {
  it('should run one chat’s tasks in the order they came', async () => {
    const { queue, order, release } = busyChat();
    const second = queue.run('a', async () => void order.push('a2'));
    release();
    await second;
    expect(order).toEqual(['a1', 'a2']);
  });

  it('should run another chat’s task while one chat waits', async () => {
    const { queue, order, release } = busyChat();
    await queue.run('b', async () => void order.push('b1'));
    expect(order).toEqual(['b1']);
    expect(queue.active).toBe(1);
    release();
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

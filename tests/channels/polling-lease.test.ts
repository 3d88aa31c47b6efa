import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startLeasedPolling } from '../../src/channels/polling-lease.ts';
import type { PollingLeasesService } from '../../src/services/polling-leases.ts';
import { waitFor } from '../helpers/wait.ts';

const SETTINGS = { ttlMs: 400, heartbeatMs: 100 };

/** A lease store whose claims answer as `answer` says for the n-th claim (1-based). */
function leasesAnswering(answer: (n: number) => Promise<boolean>) {
  let claims = 0;
  const service: PollingLeasesService = {
    claim: () => answer(++claims),
    current: async () => ({ holder: 'other', expiresAt: 0 }),
    release: async () => true,
  };
  return { service, claims: () => claims };
}

function poller() {
  const state = { started: 0, stopped: 0 };
  return {
    state,
    start: () => {
      state.started += 1;
      return { stop: async () => void (state.stopped += 1) };
    },
  };
}

// The heartbeat's own rules, with a lease store that misbehaves on purpose (the database's rules: tests/services).
describe('polling under a lease', () => {
  it('should stop polling when a renewal has not come back by the time the lease would expire', async () => {
    const leases = leasesAnswering((n) => (n === 1 ? Promise.resolve(true) : new Promise<boolean>(() => {})));
    const p = poller();
    const polling = await startLeasedPolling({ leases: leases.service, key: 'k', settings: SETTINGS, log: pino({ level: 'silent' }), start: p.start });
    expect(p.state.started).toBe(1);
    await waitFor('the poll to stop', () => p.state.stopped === 1);
    expect(polling.polling).toBe(false);
    await polling.stop();
  });

  it('should keep polling while the database cannot be reached, and stop once it answers that another process holds it', async () => {
    let refuse = false;
    const leases = leasesAnswering(async (n) => {
      if (n === 1) return true;
      if (refuse) return false;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    });
    const p = poller();
    const polling = await startLeasedPolling({ leases: leases.service, key: 'k', settings: SETTINGS, log: pino({ level: 'silent' }), start: p.start });
    // Well past the lease's expiry, every claim failing.
    await waitFor('claims past the expiry', () => leases.claims() > 8);
    expect(p.state).toEqual({ started: 1, stopped: 0 });
    refuse = true;
    await waitFor('the poll to stop', () => p.state.stopped === 1);
    await polling.stop();
    expect(p.state).toEqual({ started: 1, stopped: 1 });
  });

  it('should poll again when a late renewal then fails by the database timeout (a database that hangs)', async () => {
    const timedOut = () => Object.assign(new Error('Query read timeout'), { code: 'ETIMEDOUT' });
    const leases = leasesAnswering((n) => {
      if (n === 1) return Promise.resolve(true);
      // Hangs past the lease's deadline, then fails as the pool's query timeout ends it; the next ones fail at once.
      if (n === 2) return new Promise<boolean>((_, reject) => setTimeout(() => reject(timedOut()), SETTINGS.ttlMs));
      return Promise.reject(timedOut());
    });
    const p = poller();
    const polling = await startLeasedPolling({ leases: leases.service, key: 'k', settings: SETTINGS, log: pino({ level: 'silent' }), start: p.start });
    await waitFor('the poll to stop while the renewal hangs', () => p.state.stopped === 1);
    await waitFor('the poll to start again once the renewal failed', () => p.state.started === 2);
    await waitFor('more failing claims', () => leases.claims() > 5);
    expect(p.state).toEqual({ started: 2, stopped: 1 });
    expect(polling.polling).toBe(true);
    await polling.stop();
  });

  it('should wait while another process holds the lease and poll once it is granted', async () => {
    let grant = false;
    const leases = leasesAnswering(async () => grant);
    const p = poller();
    const polling = await startLeasedPolling({ leases: leases.service, key: 'k', settings: SETTINGS, log: pino({ level: 'silent' }), start: p.start });
    expect(polling.polling).toBe(false);
    grant = true;
    await waitFor('polling to start', () => p.state.started === 1);
    await polling.stop();
    expect(p.state).toEqual({ started: 1, stopped: 1 });
  });
});

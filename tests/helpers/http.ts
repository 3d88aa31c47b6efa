import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

/**
 * A port that is free now (the kernel's pick for port 0), for an app server whose URL goes into the environment before
 * its routes exist (fastify takes no route after listening).
 */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}

import { Socket } from 'node:net';
import type { LivenessAnswer, LivenessView, PortAnswer } from '../../domain/health/health-views.js';

/** Which port to knock on, how long to wait, and the clock. */
export interface KnockNativePortsOptions {
  port: number;
  /** How long a connect may take before the port counts as silent. */
  timeoutInMs: number;
  /** The clock, injected so the view carries the time it was taken. */
  now?: () => Date;
}

/**
 * Connects in flight at once: a 1,000-node ring must not take a Functions instance's outbound
 * sockets (about 600 on the Consumption plan) from the other activities running beside this one.
 */
const MAX_CONNECTS = 100;

/**
 * Knocks on each address's native transport port: a TCP connect, closed as soon as it is made,
 * with no CQL frame and so no login. `refused` only for ECONNREFUSED (the host answered that
 * nothing listens); a timeout, no route or any other error is `silent`, since the node and the
 * network path cannot be told apart. Never throws; answers follow `addresses`' order.
 */
export async function knockNativePorts(addresses: string[], options: KnockNativePortsOptions): Promise<LivenessView> {
  const now = options.now ?? (() => new Date());
  const answers: LivenessAnswer[] = new Array<LivenessAnswer>(addresses.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < addresses.length; i = next++) answers[i] = await knock(addresses[i] as string, options);
  };
  await Promise.all(Array.from({ length: Math.min(MAX_CONNECTS, addresses.length) }, worker));
  return { observedAt: now().toISOString(), answers };
}

function knock(address: string, options: KnockNativePortsOptions): Promise<LivenessAnswer> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let settled = false;
    const settle = (answer: PortAnswer, detail?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(detail === undefined ? { address, answer } : { address, answer, detail });
    };
    const timer = setTimeout(() => settle('silent', `port ${options.port}: no answer within ${options.timeoutInMs} ms`),
      options.timeoutInMs);
    socket.once('connect', () => settle('accepted'));
    // `on`, not `once`: an error after the answer is settled must still have a listener, or it would crash the host.
    socket.on('error', (error: NodeJS.ErrnoException) => settle(error.code === 'ECONNREFUSED' ? 'refused' : 'silent',
      `port ${options.port}: ${error.code ?? error.message}`));
    socket.connect(options.port, address);
  });
}

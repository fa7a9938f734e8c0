import { createServer } from 'node:net';

/** Asks the kernel for a free TCP port on a loopback address (127.0.0.1 unless told). */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on host:port, or rejects at the deadline. */
export async function waitForPort(host: string, port: number, timeoutInMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutInMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => { socket.destroy(); resolve(false); });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${host}:${port} after ${timeoutInMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

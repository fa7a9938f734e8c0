import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DAEMON_CLASS = 'org.apache.cassandra.service.CassandraDaemon';

function isCassandraProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(DAEMON_CLASS);
  } catch {
    return false;
  }
}

/**
 * The pid of the node's running Cassandra, or undefined. The pid file alone is not proof: a killed
 * JVM leaves it behind, and a zombie or a reused pid has another command line.
 */
export function readNodePid(nodeDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(join(nodeDir, 'run', 'cassandra.pid'), 'utf8').trim(), 10);
  } catch {
    return undefined;
  }
  return Number.isInteger(pid) && pid > 0 && isCassandraProcess(pid) ? pid : undefined;
}

/** Kills the node's Cassandra with SIGKILL, as a crashed or deallocated VM loses it, and waits until it is gone. */
export async function killNodeProcess(nodeDir: string, timeoutInMs = 15_000): Promise<void> {
  const pid = readNodePid(nodeDir);
  if (pid === undefined) return;
  try { process.kill(pid, 'SIGKILL'); } catch { return; }
  const deadline = Date.now() + timeoutInMs;
  while (isCassandraProcess(pid)) {
    if (Date.now() > deadline) throw new Error(`Cassandra pid ${pid} in ${nodeDir} did not exit within ${timeoutInMs} ms of SIGKILL`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

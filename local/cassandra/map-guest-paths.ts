import { join } from 'node:path';

/**
 * The directories a Cassandra VM uses on Azure (the Debian package's layout), which a local guest
 * keeps under its node directory instead.
 */
export const CASSANDRA_VM_PATHS = [
  '/etc/default/cassandra', '/etc/cassandra', '/var/lib/cassandra', '/var/log/cassandra', '/var/lib/cassandra-autopilot',
] as const;

/** Where an absolute VM path lives in a node directory: the node directory acts as the VM's root. */
export function toNodePath(nodeDir: string, vmPath: string): string {
  return join(nodeDir, vmPath);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rewrites occurrences of the VM paths (and any `extraPaths`, e.g. files cloud-init wrote) in a
 * script or configuration text to the node's directories. A path only matches as a whole path
 * component sequence: `/etc/cassandra2` or `/x/etc/cassandra` are left alone.
 */
export function mapGuestPaths(text: string, nodeDir: string, extraPaths: readonly string[] = []): string {
  const paths = [...new Set([...CASSANDRA_VM_PATHS, ...extraPaths])].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\w./-])(${paths.map(escapeRegExp).join('|')})(?![\\w.-])`, 'g');
  return text.replace(pattern, (path) => toNodePath(nodeDir, path));
}

import { lstatSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/**
 * The directories a Cassandra VM uses on Azure (the Debian package's layout), which a local guest
 * keeps under its node directory instead.
 */
export const CASSANDRA_VM_PATHS = [
  '/etc/default/cassandra', '/etc/cassandra', '/var/lib/cassandra', '/var/log/cassandra', '/var/lib/cassandra-autopilot',
  // The package's upgrade must not start the node: the upgrade script forbids it here.
  '/usr/sbin/policy-rc.d',
] as const;

/** Where an absolute VM path lives in a node directory: the node directory acts as the VM's root. */
function toNodePath(nodeDir: string, vmPath: string): string {
  return join(nodeDir, vmPath);
}

/** Whether a path is absolute with no `..` segment or NUL: joined under a root, it stays there. */
export function isContainedVmPath(vmPath: string): boolean {
  return vmPath.startsWith('/') && !vmPath.split('/').includes('..') && !vmPath.includes('\0');
}

/**
 * The node-directory path to write an absolute VM path to, checked to stay inside the node
 * directory: a `..` segment is refused, and so is a symlink on the way (or at the end, dangling
 * or not) that leads outside, since a write through it would land elsewhere on this machine.
 * @throws Error naming the VM path and why it escapes.
 */
export function resolveNodePath(nodeDir: string, vmPath: string): string {
  if (!isContainedVmPath(vmPath)) throw new Error(`guest path ${vmPath}: must be absolute, without '..' segments`);
  const root = realpathSync(nodeDir);
  const target = join(root, vmPath);
  const real = realpathOrUndefined(deepestExisting(target));
  if (real === undefined || (real !== root && !real.startsWith(`${root}${sep}`))) {
    throw new Error(`guest path ${vmPath}: leads outside the node directory ${nodeDir} through a symlink`);
  }
  return target;
}

/** The path itself or its nearest ancestor that exists, a symlink counting even when it dangles. */
function deepestExisting(path: string): string {
  for (let p = path; ; p = dirname(p)) {
    if (lstatSync(p, { throwIfNoEntry: false }) !== undefined || p === dirname(p)) return p;
  }
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
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

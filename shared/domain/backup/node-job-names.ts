import type { NodeJobScript } from '../ports/node-agent-port.js';

const SHORT: Readonly<Record<NodeJobScript, string>> = {
  backupFiles: 'backup', snapshotBackup: 'snap', uploadBackup: 'upload', clearSnapshot: 'clear', restoreFiles: 'restore',
  cleanupNode: 'cleanup', decommissionNode: 'decom', rebuildNode: 'rebuild',
};

/**
 * A node job's name: the script and the backup's, restore's or operation's id, so a replayed start
 * finds the job it started before instead of starting another (`[a-z0-9-]`, at most 63 characters).
 */
export function nodeJobName(script: NodeJobScript, id: string): string {
  const tag = id.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 50);
  return `ap-${SHORT[script]}-${tag}`;
}

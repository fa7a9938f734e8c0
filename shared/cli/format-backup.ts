import { formatDuration } from './format-repair.js';
import { formatTable } from './format-table.js';

/** A backup as GET /api/clusters/{name}/backups[/{id}] returns it (the fields the CLI shows). */
export interface BackupView {
  backupId: string;
  cluster: string;
  status: string;
  trigger: string;
  requestedBy: string;
  createdAt: string;
  durationMs?: number;
  keyspaces: string[];
  nodesTotal: number;
  nodesDone: string[];
  nodesMissing: string[];
  stats: { files: number; bytes: number; newFiles: number; newBytes: number };
  restorable: boolean;
  proven: boolean;
  latestDrill?: { drillId: string; status: string; rpoSeconds?: number; rtoSeconds?: number };
  error?: { code: string; message: string };
}

/** A drill as GET /api/clusters/{name}/drills lists it. */
export interface DrillView {
  drillId: string;
  cluster: string;
  backupId: string;
  targetCluster: string;
  status: string;
  startedAt: string;
  rpoSeconds?: number;
  rtoSeconds?: number;
  tablesChecked?: number;
  rowsChecked?: number;
  error?: { code: string; message: string };
}

/** `512 B`, `1.5 KiB`, `20.0 GiB`: binary units, one decimal above bytes. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  const power = Math.min(units.length - 1, bytes < 1024 ? 0 : Math.floor(Math.log2(bytes) / 10));
  return power === 0 ? `${bytes} B` : `${(bytes / 1024 ** power).toFixed(1)} ${units[power]}`;
}

/**
 * The whole backup: status and whether a restore may use it, nodes (those left out), keyspaces,
 * what it holds against what it uploaded (the rest referenced from earlier backups), what the
 * latest drill of it proved, its error.
 */
export function formatBackup(b: BackupView): string {
  const took = b.durationMs !== undefined ? `, took ${formatDuration(b.durationMs / 1000)}` : '';
  const missing = b.nodesMissing.length > 0 ? `, left out: ${b.nodesMissing.join(', ')}` : '';
  const { stats } = b;
  const lines = [
    `backup ${b.backupId} of ${b.cluster}: ${b.status}, ${b.restorable ? 'restorable' : 'not restorable'}, requested by ${b.requestedBy} (${b.trigger})`,
    `created ${b.createdAt}${took}`,
    `nodes: ${b.nodesDone.length}/${b.nodesTotal} done${missing}`,
    `keyspaces: ${b.keyspaces.join(', ') || '-'}`,
    `files: ${stats.files} (${formatBytes(stats.bytes)}); uploaded ${stats.newFiles} (${formatBytes(stats.newBytes)}), the rest referenced from earlier backups`,
    drillLine(b),
    ...(b.error ? [`error ${b.error.code}: ${b.error.message}`] : []),
  ];
  return lines.join('\n') + '\n';
}

/** One row per backup, newest first: id, status, when, how long, size, uploaded, proven by a drill. */
export function formatBackupList(cluster: string, backups: readonly BackupView[]): string {
  if (backups.length === 0) return `cluster ${cluster} has no backups yet\n`;
  return formatTable([['BACKUP', 'STATUS', 'CREATED', 'TOOK', 'SIZE', 'UPLOADED', 'PROVEN'], ...backups.map((b) => [
    b.backupId, b.status, b.createdAt, b.durationMs !== undefined ? formatDuration(b.durationMs / 1000) : '-',
    formatBytes(b.stats.bytes), formatBytes(b.stats.newBytes), b.proven ? 'yes' : 'no'])]);
}

/** One drill: its backup, the throwaway cluster, status, RPO and RTO, what it checked, its error. */
export function formatDrill(d: DrillView): string {
  const checked = d.tablesChecked !== undefined ? `; checked ${d.tablesChecked} tables, ${d.rowsChecked ?? 0} rows` : '';
  const error = d.error ? `\nerror ${d.error.code}: ${d.error.message}` : '';
  return `drill ${d.drillId} of ${d.cluster}: ${d.status}, backup ${d.backupId} restored into ${d.targetCluster}; ${recovery(d)}${checked}${error}\n`;
}

/** One row per drill, newest first: id, backup, status, when, RPO, RTO, rows checked. */
export function formatDrillList(cluster: string, drills: readonly DrillView[]): string {
  if (drills.length === 0) return `cluster ${cluster} has no restore drills yet\n`;
  return formatTable([['DRILL', 'BACKUP', 'STATUS', 'STARTED', 'RPO', 'RTO', 'ROWS'], ...drills.map((d) => [
    d.drillId, d.backupId, d.status, d.startedAt, seconds(d.rpoSeconds), seconds(d.rtoSeconds), d.rowsChecked !== undefined ? String(d.rowsChecked) : '-'])]);
}

function drillLine(b: BackupView): string {
  const drill = b.latestDrill;
  if (!drill) return 'not proven: no restore drill of it yet';
  return `${b.proven ? 'proven' : 'not proven'}: drill ${drill.drillId} ${drill.status}; ${recovery(drill)}`;
}

function recovery(d: { rpoSeconds?: number; rtoSeconds?: number }): string {
  return `RPO ${seconds(d.rpoSeconds)}, RTO ${seconds(d.rtoSeconds)}`;
}

function seconds(value: number | undefined): string {
  return value === undefined ? '-' : formatDuration(value);
}

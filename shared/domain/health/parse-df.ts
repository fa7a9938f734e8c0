import type { DiskUsage } from './health-views.js';

const ROW = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+(.+)$/;

/**
 * Parses `df -P -B1 <dir>` (POSIX layout, byte blocks) into the usage of the filesystem that
 * holds `<dir>`. Returns undefined when no data row is present. The percentage is computed as
 * df does (used over used plus available), not from the rounded Capacity column.
 */
export function parseDf(text: string): DiskUsage | undefined {
  for (const line of text.split(/\r?\n/)) {
    const row = ROW.exec(line.trim());
    if (!row) continue;
    const usedBytes = Number(row[3]);
    const availableBytes = Number(row[4]);
    const denominator = usedBytes + availableBytes;
    return {
      mount: row[6]!.trim(),
      sizeBytes: Number(row[2]),
      usedBytes,
      availableBytes,
      usedPercent: denominator === 0 ? 0 : (usedBytes * 100) / denominator,
    };
  }
  return undefined;
}

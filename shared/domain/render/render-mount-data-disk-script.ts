import { CASSANDRA_DATA_ROOT } from './render-cassandra-yaml.js';

/** Where cloud-init writes the disk script on the VM. */
export const MOUNT_DATA_DISK_SCRIPT_PATH = '/usr/local/sbin/autopilot-mount-data-disk';

/**
 * Renders the shell script that finds the data disk by LUN, formats it once and mounts it at
 * /var/lib/cassandra. It is idempotent: a disk that already has a filesystem is never formatted
 * again, and the fstab entry is added once. /dev/sdX names move between boots, so the disk is
 * found through the Azure udev links (scsi1/lun<N> from the Linux agent, data/by-lun/<N> from
 * azure-vm-utils on NVMe sizes) and mounted by filesystem UUID with nofail.
 */
export function renderMountDataDiskScript(lun: number): string {
  return [
    '#!/bin/sh',
    '# Written by Cassandra Autopilot: mounts the Cassandra data disk (LUN ' + String(lun) + ') at ' + CASSANDRA_DATA_ROOT + '.',
    'set -eu',
    `LUN=${lun}`,
    `MOUNT_POINT=${CASSANDRA_DATA_ROOT}`,
    'DEVICE=""',
    '# The disk may appear a little after boot: look for up to five minutes.',
    'for attempt in $(seq 1 150); do',
    '  for link in /dev/disk/azure/scsi1/lun$LUN /dev/disk/azure/data/by-lun/$LUN; do',
    '    if [ -e "$link" ]; then DEVICE=$(readlink -f "$link"); break 2; fi',
    '  done',
    '  sleep 2',
    'done',
    '[ -n "$DEVICE" ] || { echo "no data disk at LUN $LUN" >&2; exit 1; }',
    'if ! blkid -p "$DEVICE" >/dev/null 2>&1; then',
    '  mkfs.xfs -q -L cassandra "$DEVICE"',
    'fi',
    'UUID=$(blkid -s UUID -o value "$DEVICE")',
    'mkdir -p "$MOUNT_POINT"',
    'grep -q "UUID=$UUID" /etc/fstab || echo "UUID=$UUID $MOUNT_POINT xfs defaults,noatime,nofail 0 2" >> /etc/fstab',
    'mountpoint -q "$MOUNT_POINT" || mount "$MOUNT_POINT"',
    '# 8 KiB read-ahead suits Cassandra\'s small random reads (Azure\'s Cassandra guidance).',
    'blockdev --setra 16 "$DEVICE"',
    '',
  ].join('\n');
}

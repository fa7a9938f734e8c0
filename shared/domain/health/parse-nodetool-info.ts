import type { NodetoolInfo } from './health-views.js';

/**
 * Parses `nodetool info` (`Key : value` lines padded to 23 columns) into the fields health
 * needs: host id, gossip and native transport state, heap, DC, rack, uptime. Unknown keys and
 * `N/A` values are ignored, so older and newer layouts (with or without `Thrift active`) parse.
 */
export function parseNodetoolInfo(text: string): NodetoolInfo {
  const info: NodetoolInfo = {};
  for (const line of text.split(/\r?\n/)) {
    const sep = line.indexOf(':');
    if (sep < 0) continue;
    const key = line.slice(0, sep).trim();
    const value = line.slice(sep + 1).trim();
    applyField(info, key, value);
  }
  return info;
}

function applyField(info: NodetoolInfo, key: string, value: string): void {
  switch (key) {
    case 'ID': info.hostId = value.toLowerCase(); break;
    case 'Gossip active': info.gossipActive = parseBool(value); break;
    case 'Native Transport active': info.nativeTransportActive = parseBool(value); break;
    case 'Data Center': info.datacenter = value; break;
    case 'Rack': info.rack = value; break;
    case 'Uptime (seconds)': if (/^\d+$/.test(value)) info.uptimeSeconds = Number(value); break;
    case 'Heap Memory (MB)': {
      const heap = /^([\d.]+)\s*\/\s*([\d.]+)$/.exec(value);
      if (heap) { info.heapUsedMb = Number(heap[1]); info.heapMaxMb = Number(heap[2]); }
      break;
    }
  }
}

function parseBool(value: string): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

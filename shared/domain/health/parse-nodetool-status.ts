import { parseByteSize } from './parse-byte-size.js';
import type { NodetoolStatusRow } from './health-views.js';

const ROW = /^([UD?])([NLJM])\s+(\S+)(?:\s+(.*))?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Columns { hasTokenCount: boolean; hasTokenValue: boolean }

/**
 * Parses `nodetool status` output (any datacenter count, vnode `Tokens` or single `Token`
 * layout, `Owns` or `Owns (effective)`), including rows the probe script condensed to just
 * `UN <address>`. Fields nodetool printed as `?` come back undefined. Lines that are neither
 * a datacenter header, the column header nor a node row are ignored (legend, notes, warnings).
 */
export function parseNodetoolStatus(text: string): NodetoolStatusRow[] {
  const rows: NodetoolStatusRow[] = [];
  let datacenter = '';
  let columns: Columns = { hasTokenCount: true, hasTokenValue: false };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const dc = /^Datacenter:\s*(.+)$/.exec(line);
    if (dc) { datacenter = dc[1]!.trim(); continue; }
    if (line.startsWith('--') && line.includes('Address')) {
      columns = { hasTokenCount: /\bTokens\b/.test(line), hasTokenValue: /\bToken\b/.test(line) };
      continue;
    }
    const match = ROW.exec(line);
    if (!match) continue;
    rows.push(parseRow(datacenter, match, columns));
  }
  return rows;
}

function parseRow(datacenter: string, match: RegExpExecArray, columns: Columns): NodetoolStatusRow {
  const row: NodetoolStatusRow = {
    datacenter,
    status: match[1] as NodetoolStatusRow['status'],
    state: match[2] as NodetoolStatusRow['state'],
    address: stripPort(match[3]!),
  };
  const rest = (match[4] ?? '').split(/\s+/).filter((t) => t.length > 0);
  if (rest.length === 0) return row;
  // Load is `?` or a number and a unit, two tokens.
  let i = 0;
  if (rest[0] === '?') { i = 1; } else { row.loadBytes = parseByteSize(`${rest[0]} ${rest[1] ?? ''}`); i = 2; }
  if (columns.hasTokenCount && /^\d+$/.test(rest[i] ?? '')) row.tokens = Number(rest[i++]);
  const owns = rest[i++];
  if (owns !== undefined && owns.endsWith('%')) row.ownsPercent = Number(owns.slice(0, -1));
  const hostId = rest[i];
  if (hostId !== undefined && UUID.test(hostId)) { row.hostId = hostId.toLowerCase(); i++; }
  else if (hostId === 'null' || hostId === '?') i++;
  if (columns.hasTokenValue && /^-?\d+$/.test(rest[i] ?? '')) i++;
  if (i < rest.length) row.rack = rest.slice(i).join(' ');
  return row;
}

/** With `--print-port` nodetool prints `/127.0.0.1:7000` or `127.0.0.1:7000`; keep the address. */
function stripPort(address: string): string {
  const bare = address.replace(/^\//, '');
  const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(bare);
  return v4 ? v4[1]! : bare;
}

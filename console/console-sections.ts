/**
 * The read-only sections of a cluster's page: ring, health history, operations with their steps,
 * backups. Each takes what the API answered and the time to measure ages against.
 */
import { badge, h, progress, svg, type Child } from './console-dom.js';
import {
  formatAge, formatBytes, formatSeconds, type ApiBackup, type ApiHealth, type ApiOperation, type RingDc, type RingNode,
} from './console-view.js';

type RestartNode = (node: string, address: string) => void;

/** A section with its heading, labelled by it for screen readers. */
export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { 'aria-labelledby': id }, h('h3', { id }, title), ...children);
}

/** A table whose first column heads each row; `rowAttrs[i]` go on row i. */
export function table(columns: string[], rows: Child[][], attrs: Record<string, unknown> = {},
  rowAttrs: Record<string, unknown>[] = []): HTMLElement {
  const row = ([first, ...rest]: Child[], i: number) =>
    h('tr', rowAttrs[i] ?? {}, h('th', { scope: 'row' }, first), ...rest.map((c) => h('td', {}, c)));
  const head = h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c))));
  return h('table', attrs, head, h('tbody', {}, ...rows.map(row)));
}

/** The ring of one DC: its nodes around a circle in rack order, each coloured and labelled by state. */
function ringFigure(dc: RingDc): Node {
  const nodes = dc.racks.flatMap((r) => r.nodes.map((n) => ({ ...n, rack: r.rack })));
  const size = 260;
  const c = size / 2;
  const radius = 95;
  const label = `Ring of ${dc.dc}: ${nodes.map((n) => `${n.name} ${n.state} in ${n.rack}`).join(', ')}`;
  const drawing = svg('svg', { viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: 'img', 'aria-label': label });
  drawing.append(svg('circle', { cx: c, cy: c, r: radius, class: 'ring' }));
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
    const [x, y] = [c + radius * Math.cos(angle), c + radius * Math.sin(angle)];
    const [rackX, rackY] = [c + radius * 0.62 * Math.cos(angle), c + radius * 0.62 * Math.sin(angle)];
    const dot = svg('g', { class: `dot s-${n.state}` });
    dot.append(svg('title', {}, `${n.name} ${n.address} ${n.rack}: ${n.state}`), svg('circle', { cx: x, cy: y, r: 16 }),
      svg('text', { x, y: y + 4, 'text-anchor': 'middle' }, n.state),
      svg('text', { x: rackX, y: rackY + 4, 'text-anchor': 'middle', class: 'rack-label' }, n.rack));
    drawing.append(dot);
  });
  drawing.append(svg('text', { x: c, y: c + 5, 'text-anchor': 'middle', class: 'dc-label' }, dc.dc));
  return drawing;
}

function nodeItem(n: RingNode, now: number, restartNode: RestartNode): Node {
  const findings = n.findings.map((f) =>
    h('li', { class: `sev-${f.severity}` }, h('code', {}, f.code), ` ${f.message} (since ${formatAge(f.since, now)} ago)`));
  return h('li', { class: `node s-${n.state}`, 'data-node': n.name, 'data-state': n.state, 'data-address': n.address },
    h('span', { class: 'state' }, n.state), ' ', h('strong', {}, n.name), ' ', h('code', {}, n.address),
    n.seed && h('span', { class: 'muted' }, ' seed'),
    n.since && h('div', { class: 'muted' }, `since ${formatAge(n.since, now)} ago`),
    findings.length > 0 && h('ul', { class: 'findings' }, ...findings),
    h('button', { type: 'button', class: 'small', 'data-key': `restart-${n.name}`, onclick: () => restartNode(n.name, n.address) },
      `Restart ${n.name}…`));
}

/** Each DC: its ring, then one box per rack with each node's state, address, findings and since. */
export function renderRing(ring: RingDc[], now: number, restartNode: RestartNode): Node {
  const rackBox = (rack: RingDc['racks'][number]) => h('div', { class: 'rack', 'data-rack': rack.rack },
    h('h5', {}, rack.rack), h('ul', {}, ...rack.nodes.map((n) => nodeItem(n, now, restartNode))));
  return section('ring-h', 'Ring', ...ring.map((dc) => h('div', { class: 'dc', 'data-dc': dc.dc },
    h('h4', {}, `Datacenter ${dc.dc}`), ringFigure(dc), h('div', { class: 'racks' }, ...dc.racks.map(rackBox)))));
}

/** A strip of checks, oldest first, coloured by status; below it the changes of status, newest first. */
export function renderTimeline(items: ApiHealth[], now: number): Node {
  const oldestFirst = [...items].reverse();
  const changes = oldestFirst.filter((item, i) => i === 0 || oldestFirst[i - 1]!.status !== item.status).reverse();
  const cell = (item: ApiHealth) => h('li', { class: `t-${item.status}`, title: `${item.status} ${item.evaluatedAt ?? ''}` },
    h('span', { class: 'sr-only' }, `${item.status} ${formatAge(item.evaluatedAt, now)} ago`));
  const change = (item: ApiHealth) => h('li', {}, badge(item.status), ` ${formatAge(item.evaluatedAt, now)} ago`,
    item.findings.length > 0 && ` (${item.findings.map((f) => f.code).join(', ')})`);
  return section('timeline-h', 'Health history',
    h('ol', { class: 'timeline', 'aria-label': 'Checks, oldest first' }, ...oldestFirst.map(cell)),
    h('ul', { class: 'changes' }, ...changes.slice(0, 8).map(change)));
}

/** The newest operations with their progress; the steps of any that has not succeeded. */
export function renderOperations(ops: ApiOperation[], now: number): Node {
  const steps = (o: ApiOperation) => h('ol', { class: 'steps' }, ...o.steps.map((s) =>
    h('li', { class: `step-${s.status}` }, `${s.name}: ${s.status} ${s.percent} %${s.message ? ` (${s.message})` : ''}`)));
  const item = (o: ApiOperation) => h('li', { 'data-operation': o.id, 'data-status': o.status },
    h('div', {}, h('strong', {}, o.kind), ' ', badge(o.status), ` ${o.trigger}, by ${o.requestedBy}, ${formatAge(o.createdAt, now)} ago `,
      progress(o.percent, `${o.kind} progress`), ` ${o.percent} %`),
    o.error && h('div', { class: 'error' }, `${o.error.code}: ${o.error.message}`),
    o.status !== 'Succeeded' && steps(o));
  return section('ops-h', 'Operations', h('ul', { class: 'ops' }, ...ops.slice(0, 10).map(item)));
}

/** The newest backups: size, bytes new to this backup, whether a drill proved it, and that drill's RPO and RTO. */
export function renderBackups(backups: ApiBackup[], now: number): Node {
  const seconds = (value: number | undefined) => (value === undefined ? '' : formatSeconds(value));
  const row = (b: ApiBackup): Child[] => [h('code', {}, b.backupId), badge(b.status), `${formatAge(b.createdAt, now)} ago`,
    formatBytes(b.stats.bytes), formatBytes(b.stats.newBytes), b.proven ? 'yes' : 'no', b.latestDrill?.status ?? 'none',
    seconds(b.latestDrill?.rpoSeconds), seconds(b.latestDrill?.rtoSeconds)];
  return section('backups-h', 'Backups', backups.length === 0 ? h('p', { class: 'muted' }, 'None yet.')
    : table(['Backup', 'Status', 'Taken', 'Size', 'New bytes', 'Proven', 'Drill', 'RPO', 'RTO'], backups.slice(0, 10).map(row)));
}

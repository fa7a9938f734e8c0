/**
 * The read-only sections of a cluster's page: ring, health history, operations with their steps,
 * backups. Each takes what the API answered and the time to measure ages against.
 */
import { badge, h, progress, svg } from './console-dom.js';
import { formatAge, formatBytes, formatSeconds, type ApiBackup, type ApiHealth, type ApiOperation, type RingDc } from './console-view.js';

function ringFigure(dc: RingDc): Node {
  const nodes = dc.racks.flatMap((r) => r.nodes.map((n) => ({ ...n, rack: r.rack })));
  const size = 260;
  const c = size / 2;
  const radius = 95;
  const drawing = svg('svg', { viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: 'img',
    'aria-label': `Ring of ${dc.dc}: ${nodes.map((n) => `${n.name} ${n.state} in ${n.rack}`).join(', ')}` });
  drawing.append(svg('circle', { cx: c, cy: c, r: radius, class: 'ring' }));
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
    const x = c + radius * Math.cos(angle);
    const y = c + radius * Math.sin(angle);
    const g = svg('g', { class: `dot s-${n.state}` });
    g.append(svg('title', {}, `${n.name} ${n.address} ${n.rack}: ${n.state}`), svg('circle', { cx: x, cy: y, r: 16 }), svg('text', { x, y: y + 4, 'text-anchor': 'middle' }, n.state),
      svg('text', { x: c + radius * 0.62 * Math.cos(angle), y: c + radius * 0.62 * Math.sin(angle) + 4, 'text-anchor': 'middle', class: 'rack-label' }, n.rack));
    drawing.append(g);
  });
  drawing.append(svg('text', { x: c, y: c + 5, 'text-anchor': 'middle', class: 'dc-label' }, dc.dc));
  return drawing;
}

function nodeItem(n: RingDc['racks'][number]['nodes'][number], now: number, restartNode: (node: string, address: string) => void): Node {
  return h('li', { class: `node s-${n.state}`, 'data-node': n.name, 'data-state': n.state, 'data-address': n.address },
    h('span', { class: 'state' }, n.state), ' ', h('strong', {}, n.name), ' ', h('code', {}, n.address), n.seed && h('span', { class: 'muted' }, ' seed'),
    n.since && h('div', { class: 'muted' }, `since ${formatAge(n.since, now)} ago`),
    n.findings.length > 0 && h('ul', { class: 'findings' }, ...n.findings.map((f) =>
      h('li', { class: `sev-${f.severity}` }, h('code', {}, f.code), ` ${f.message} (since ${formatAge(f.since, now)} ago)`))),
    h('button', { type: 'button', class: 'small', 'data-key': `restart-${n.name}`, onclick: () => restartNode(n.name, n.address) }, `Restart ${n.name}…`));
}

export function renderRing(ring: RingDc[], now: number, restartNode: (node: string, address: string) => void): Node {
  return h('section', { 'aria-labelledby': 'ring-h' }, h('h3', { id: 'ring-h' }, 'Ring'),
    ...ring.map((dc) => h('div', { class: 'dc', 'data-dc': dc.dc }, h('h4', {}, `Datacenter ${dc.dc}`), ringFigure(dc),
      h('div', { class: 'racks' }, ...dc.racks.map((rack) => h('div', { class: 'rack', 'data-rack': rack.rack },
        h('h5', {}, rack.rack), h('ul', {}, ...rack.nodes.map((n) => nodeItem(n, now, restartNode)))))))));
}

export function renderTimeline(items: ApiHealth[], now: number): Node {
  const oldestFirst = [...items].reverse();
  const changes = oldestFirst.filter((item, i) => i === 0 || oldestFirst[i - 1]!.status !== item.status).reverse();
  return h('section', { 'aria-labelledby': 'timeline-h' }, h('h3', { id: 'timeline-h' }, 'Health history'),
    h('ol', { class: 'timeline', 'aria-label': 'Checks, oldest first' }, ...oldestFirst.map((item) =>
      h('li', { class: `t-${item.status}`, title: `${item.status} ${item.evaluatedAt ?? ''}` }, h('span', { class: 'sr-only' }, `${item.status} ${formatAge(item.evaluatedAt, now)} ago`)))),
    h('ul', { class: 'changes' }, ...changes.slice(0, 8).map((item) => h('li', {}, badge(item.status),
      ` ${formatAge(item.evaluatedAt, now)} ago`, item.findings.length > 0 && ` (${item.findings.map((f) => f.code).join(', ')})`))));
}

export function renderOperations(ops: ApiOperation[], now: number): Node {
  return h('section', { 'aria-labelledby': 'ops-h' }, h('h3', { id: 'ops-h' }, 'Operations'),
    h('ul', { class: 'ops' }, ...ops.slice(0, 10).map((o) => h('li', { 'data-operation': o.id, 'data-status': o.status },
      h('div', {}, h('strong', {}, o.kind), ' ', badge(o.status), ` ${o.trigger}, by ${o.requestedBy}, ${formatAge(o.createdAt, now)} ago `,
        progress(o.percent, `${o.kind} progress`), ` ${o.percent} %`),
      o.error && h('div', { class: 'error' }, `${o.error.code}: ${o.error.message}`),
      o.status !== 'Succeeded' && h('ol', { class: 'steps' }, ...o.steps.map((s) => h('li', { class: `step-${s.status}` },
        `${s.name}: ${s.status} ${s.percent} %${s.message ? ` (${s.message})` : ''}`)))))));
}

export function renderBackups(backups: ApiBackup[], now: number): Node {
  return h('section', { 'aria-labelledby': 'backups-h' }, h('h3', { id: 'backups-h' }, 'Backups'),
    backups.length === 0 ? h('p', { class: 'muted' }, 'None yet.') :
      h('table', {}, h('thead', {}, h('tr', {}, ...['Backup', 'Status', 'Taken', 'Size', 'New bytes', 'Proven', 'Drill', 'RPO', 'RTO'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...backups.slice(0, 10).map((b) => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, b.backupId)), h('td', {}, badge(b.status)),
          h('td', {}, `${formatAge(b.createdAt, now)} ago`), h('td', {}, formatBytes(b.stats.bytes)), h('td', {}, formatBytes(b.stats.newBytes)),
          h('td', {}, b.proven ? 'yes' : 'no'), h('td', {}, b.latestDrill?.status ?? 'none'),
          h('td', {}, b.latestDrill?.rpoSeconds === undefined ? '' : formatSeconds(b.latestDrill.rpoSeconds)),
          h('td', {}, b.latestDrill?.rtoSeconds === undefined ? '' : formatSeconds(b.latestDrill.rtoSeconds)))))));
}


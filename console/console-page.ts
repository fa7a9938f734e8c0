/**
 * The web console: reads the public API (nothing else) every few seconds and draws it; every
 * action goes through a confirmation that names what will happen, then through the API, which
 * authorizes it as any other call. Credentials: the App Service authentication session (a cookie
 * the browser sends on same-origin calls) and, when the user gives one, a function key kept in
 * this tab's sessionStorage and sent as `x-functions-key`, never in a URL. Everything is built
 * with textContent (no innerHTML), so nothing the API answers is ever run as markup.
 */
import {
  activeOperations, countNodesUp, formatAge, formatBytes, formatSeconds, lastProvenBackupAt, lastRepairAt, pendingApprovals,
  planLedgerRows, planRing, type ApiBackup, type ApiHealth, type ApiLedgerEntry, type ApiNode, type ApiOperation,
  type ApiRepairRun, type RingDc,
} from './console-view.js';

const KEY_STORAGE = 'autopilot.functionKey';
const POLL_IN_MS = 3000;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Answer { status: number; body: Record<string, unknown> }
class ApiError extends Error {}

async function api(method: string, path: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) headers['x-functions-key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, credentials: 'same-origin', cache: 'no-store',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try { parsed = text ? JSON.parse(text) as Record<string, unknown> : {}; } catch { parsed = { message: text }; }
  if (response.status === 401) {
    openKeyDialog();
    throw new ApiError('The API needs credentials: sign in, or give a function key.');
  }
  return { status: response.status, body: parsed };
}

async function read<T>(path: string): Promise<T> {
  const answer = await api('GET', path);
  if (answer.status !== 200) throw new ApiError(describeError(answer));
  return answer.body as T;
}

function describeError(answer: Answer): string {
  const { code, message } = answer.body as { code?: string; message?: string };
  return `${answer.status}${code ? ` ${code}` : ''}: ${message ?? 'no message'}`;
}

type Child = Node | string | number | false | null | undefined;
/** Builds an element: attributes (`on*` functions become listeners) and children as text or nodes. */
function h(tag: string, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2), value as EventListener);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const c of children) if (c !== false && c !== null && c !== undefined) el.append(typeof c === 'number' ? String(c) : c);
  return el;
}
const NS = 'http://www.w3.org/2000/svg';
function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

function say(message: string, isError = false): void {
  const box = $('status');
  box.textContent = message;
  box.className = isError ? 'error' : '';
}

// ---- dialogs -------------------------------------------------------------------------------

interface Confirmation { title: string; text: string; items?: string[]; ok: string; typed?: string; reason?: boolean; danger?: boolean }

/** Shows the confirmation; resolves with the reason typed (or '') on OK, undefined on cancel. */
function confirmAction(c: Confirmation): Promise<string | undefined> {
  const dialog = $<HTMLDialogElement>('confirm');
  $('confirm-title').textContent = c.title;
  $('confirm-text').textContent = c.text;
  $('confirm-list').replaceChildren(...(c.items ?? []).map((i) => h('li', {}, i)));
  const ok = $<HTMLButtonElement>('confirm-ok');
  ok.textContent = c.ok;
  ok.className = c.danger ? 'danger' : 'primary';
  const typedInput = $<HTMLInputElement>('confirm-typed-input');
  $('confirm-typed').hidden = c.typed === undefined;
  $('confirm-typed-name').textContent = c.typed ?? '';
  typedInput.value = '';
  ok.disabled = c.typed !== undefined;
  typedInput.oninput = () => { ok.disabled = typedInput.value !== c.typed; };
  const reason = $<HTMLInputElement>('confirm-reason');
  $('confirm-reason-box').hidden = !c.reason;
  reason.value = '';
  return new Promise((resolve) => {
    const finish = (value: string | undefined) => { dialog.onclose = null; dialog.close(); resolve(value); };
    ok.onclick = () => finish(reason.value.trim());
    $('confirm-cancel').onclick = () => finish(undefined);
    dialog.onclose = () => resolve(undefined);
    dialog.showModal();
    (c.typed !== undefined ? typedInput : $('confirm-cancel')).focus();
  });
}

function openKeyDialog(): void {
  const dialog = $<HTMLDialogElement>('key-dialog');
  if (dialog.open) return;
  $<HTMLInputElement>('key-input').value = '';
  dialog.showModal();
}

function setUpKeyDialog(): void {
  const dialog = $<HTMLDialogElement>('key-dialog');
  const input = $<HTMLInputElement>('key-input');
  const save = () => {
    if (input.value.trim()) sessionStorage.setItem(KEY_STORAGE, input.value.trim());
    input.value = '';
    dialog.close();
    void refresh();
  };
  $('key-save').onclick = save;
  input.onkeydown = (e) => { if (e.key === 'Enter') save(); };
  $('key-cancel').onclick = () => dialog.close();
  $('key-forget').onclick = () => { sessionStorage.removeItem(KEY_STORAGE); dialog.close(); say('Key forgotten.'); };
  $('key-button').onclick = openKeyDialog;
}

/** Confirms, calls the API, says what it answered and refreshes. */
async function act(c: Confirmation, method: string, path: (reason: string) => string, body?: (reason: string) => unknown): Promise<void> {
  const reason = await confirmAction(c);
  if (reason === undefined) return;
  try {
    const answer = await api(method, path(reason), body?.(reason));
    if (answer.status >= 400) say(`${c.ok} refused: ${describeError(answer)}`, true);
    else say(`${c.ok}: accepted${typeof answer.body.operationId === 'string' ? ` (operation ${answer.body.operationId})` : ''}.`);
  } catch (error) {
    say(`${c.ok} failed: ${(error as Error).message}`, true);
  }
  await refresh();
}

// ---- views ---------------------------------------------------------------------------------

interface ClusterDetail { name: string; state: string; nodes: ApiNode[]; spec: Record<string, unknown>; runningOperations: { operationId: string; kind: string }[] }

const enc = encodeURIComponent;
const badge = (text: string, kind = text) => h('span', { class: `badge b-${kind}` }, text);
const progress = (percent: number, label: string) =>
  h('progress', { max: 100, value: percent, 'aria-label': label, title: `${percent} %` });

async function clusterSummary(name: string) {
  const base = `/api/clusters/${enc(name)}`;
  const [detail, health, repairs, backups, ops] = await Promise.all([
    read<ClusterDetail>(base), read<ApiHealth>(`${base}/health`), read<{ runs: ApiRepairRun[] }>(`${base}/repairs`),
    read<{ backups: ApiBackup[] }>(`${base}/backups`), read<{ operations: ApiOperation[] }>(`${base}/operations?limit=20`),
  ]);
  return { detail, health, runs: repairs.runs, backups: backups.backups, operations: ops.operations };
}

async function renderList(now: number): Promise<Node[]> {
  const { clusters } = await read<{ clusters: { name: string }[] }>('/api/clusters');
  const rows = await Promise.all(clusters.map(async ({ name }) => {
    const s = await clusterSummary(name);
    const { up, total } = countNodesUp(s.detail.nodes, s.health);
    const active = activeOperations(s.operations);
    return h('tr', { 'data-cluster': name },
      h('th', { scope: 'row' }, h('a', { href: `#/clusters/${enc(name)}` }, name)),
      h('td', {}, badge(s.detail.state)), h('td', {}, badge(s.health.status)),
      h('td', { class: up < total ? 'warn' : '' }, `${up} / ${total}`),
      h('td', {}, formatAge(lastRepairAt(s.runs), now)), h('td', {}, formatAge(lastProvenBackupAt(s.backups), now)),
      h('td', {}, active.length === 0 ? 'none' : active.map((o) => `${o.kind} ${o.status === 'AwaitingApproval' ? '(awaiting approval)' : `${o.percent} %`}`).join(', ')));
  }));
  return [h('h2', {}, 'Clusters'), clusters.length === 0 ? h('p', {}, 'No clusters yet: deploy one with POST /api/clusters.') :
    h('table', {}, h('thead', {}, h('tr', {}, ...['Cluster', 'State', 'Health', 'Nodes up', 'Last repair', 'Last proven backup', 'Operations running']
      .map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, ...rows))];
}

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
    g.append(svg('circle', { cx: x, cy: y, r: 16 }), svg('text', { x, y: y + 4, 'text-anchor': 'middle' }, n.state),
      svg('text', { x: c + (radius + 0) * 0.55 * Math.cos(angle), y: c + radius * 0.55 * Math.sin(angle) + 4, 'text-anchor': 'middle', class: 'rack-label' }, n.rack));
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

function renderRing(ring: RingDc[], now: number, restartNode: (node: string, address: string) => void): Node {
  return h('section', { 'aria-labelledby': 'ring-h' }, h('h3', { id: 'ring-h' }, 'Ring'),
    ...ring.map((dc) => h('div', { class: 'dc', 'data-dc': dc.dc }, h('h4', {}, `Datacenter ${dc.dc}`), ringFigure(dc),
      h('div', { class: 'racks' }, ...dc.racks.map((rack) => h('div', { class: 'rack', 'data-rack': rack.rack },
        h('h5', {}, rack.rack), h('ul', {}, ...rack.nodes.map((n) => nodeItem(n, now, restartNode)))))))));
}

function renderTimeline(items: ApiHealth[], now: number): Node {
  const oldestFirst = [...items].reverse();
  const changes = oldestFirst.filter((item, i) => i === 0 || oldestFirst[i - 1]!.status !== item.status).reverse();
  return h('section', { 'aria-labelledby': 'timeline-h' }, h('h3', { id: 'timeline-h' }, 'Health history'),
    h('ol', { class: 'timeline', 'aria-label': 'Checks, oldest first' }, ...oldestFirst.map((item) =>
      h('li', { class: `t-${item.status}`, title: `${item.status} ${item.evaluatedAt ?? ''}` }, h('span', { class: 'sr-only' }, `${item.status} ${formatAge(item.evaluatedAt, now)} ago`)))),
    h('ul', { class: 'changes' }, ...changes.slice(0, 8).map((item) => h('li', {}, badge(item.status),
      ` ${formatAge(item.evaluatedAt, now)} ago`, item.findings.length > 0 && ` (${item.findings.map((f) => f.code).join(', ')})`))));
}

function renderOperations(ops: ApiOperation[], now: number): Node {
  return h('section', { 'aria-labelledby': 'ops-h' }, h('h3', { id: 'ops-h' }, 'Operations'),
    h('ul', { class: 'ops' }, ...ops.slice(0, 10).map((o) => h('li', { 'data-operation': o.id, 'data-status': o.status },
      h('div', {}, h('strong', {}, o.kind), ' ', badge(o.status), ` ${o.trigger}, by ${o.requestedBy}, ${formatAge(o.createdAt, now)} ago `,
        progress(o.percent, `${o.kind} progress`), ` ${o.percent} %`),
      o.error && h('div', { class: 'error' }, `${o.error.code}: ${o.error.message}`),
      o.status !== 'Succeeded' && h('ol', { class: 'steps' }, ...o.steps.map((s) => h('li', { class: `step-${s.status}` },
        `${s.name}: ${s.status} ${s.percent} %${s.message ? ` (${s.message})` : ''}`)))))));
}

function renderApprovals(ops: ApiOperation[], name: string, now: number): Node {
  const pending = pendingApprovals(ops);
  const answer = (o: ApiOperation, verb: 'approve' | 'reject') => act({
    title: `${verb === 'approve' ? 'Approve' : 'Reject'} ${o.kind} on ${name}?`,
    text: verb === 'approve' ? `The operation will go on and do what it proposes: ${o.proposal!.action}.`
      : `The operation ends Failed with nothing changed: ${o.proposal!.action} is not done.`,
    items: [`Why it was proposed: ${o.proposal!.reason}`, `Operation ${o.id}, waiting until ${o.proposal!.expiresAt}`],
    ok: verb === 'approve' ? 'Approve' : 'Reject', reason: true, danger: verb === 'reject',
  }, 'POST', () => `/api/operations/${enc(o.id)}/${verb}`, (reason) => (reason ? { reason } : {}));
  return h('section', { 'aria-labelledby': 'approvals-h' }, h('h3', { id: 'approvals-h' }, 'Pending approvals'),
    pending.length === 0 ? h('p', { class: 'muted' }, 'None.') : h('ul', {}, ...pending.map((o) => h('li', { 'data-approval': o.id },
      h('strong', {}, o.proposal!.action), ` (${o.kind}): ${o.proposal!.reason}; `
        + `waits ${formatSeconds(Math.max(0, Date.parse(o.proposal!.expiresAt) - now) / 1000)} more `,
      h('button', { type: 'button', class: 'primary', 'data-key': `approve-${o.id}`, onclick: () => answer(o, 'approve') }, 'Approve…'), ' ',
      h('button', { type: 'button', 'data-key': `reject-${o.id}`, onclick: () => answer(o, 'reject') }, 'Reject…')))));
}

async function renderRepairs(name: string, runs: ApiRepairRun[], now: number): Promise<Node> {
  const base = `/api/clusters/${enc(name)}/repairs`;
  const [ledger, active] = await Promise.all([read<{ tables: ApiLedgerEntry[] }>(`${base}/ledger`),
    Promise.all(runs.filter((r) => ['Planning', 'Running', 'Paused'].includes(r.state)).map((r) =>
      read<ApiRepairRun & { etaSeconds?: number }>(`${base}/${enc(r.runId)}`)))]);
  const control = (r: ApiRepairRun, verb: 'pause' | 'resume' | 'cancel') => h('button', { type: 'button', class: 'small', 'data-key': `${verb}-${r.runId}`,
    onclick: () => act({ title: `${verb[0]!.toUpperCase()}${verb.slice(1)} repair run ${r.runId}?`,
      text: verb === 'cancel' ? 'The run stops at its next round and cannot be resumed; segments done stay repaired.'
        : `The run ${verb === 'pause' ? 'pauses' : 'resumes'} at its next round.`, ok: `${verb[0]!.toUpperCase()}${verb.slice(1)} repair`, danger: verb === 'cancel' },
    'POST', () => `${base}/${enc(r.runId)}/${verb}`) }, `${verb[0]!.toUpperCase()}${verb.slice(1)}…`);
  return h('section', { 'aria-labelledby': 'repairs-h' }, h('h3', { id: 'repairs-h' }, 'Repairs'),
    h('ul', { class: 'runs' }, ...[...active, ...runs.filter((r) => !active.some((a) => a.runId === r.runId)).slice(0, 3)].map((r) =>
      h('li', { 'data-run': r.runId, 'data-state': r.state, 'data-percent': r.percent, 'data-segments-done': r.segmentsDone },
        badge(r.state), ` ${r.runId}: ${r.segmentsDone} / ${r.segmentsTotal} segments `, progress(r.percent, `repair ${r.runId} progress`), ` ${r.percent} %`,
        'etaSeconds' in r && typeof r.etaSeconds === 'number' ? ` ETA ${formatSeconds(r.etaSeconds)}` : '',
        r.endedAt ? ` ended ${formatAge(r.endedAt, now)} ago` : '',
        ...(['Planning', 'Running', 'Paused'].includes(r.state) ? [' ', control(r, r.state === 'Paused' ? 'resume' : 'pause'), ' ', control(r, 'cancel')] : [])))),
    h('h4', {}, 'Ledger: last complete repair against gc_grace_seconds'),
    h('table', { class: 'ledger' }, h('thead', {}, h('tr', {}, ...['Table', 'Last complete repair', 'gc_grace_seconds', 'Used', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...planLedgerRows(ledger.tables).map((row) => h('tr', { 'data-table': row.table },
        h('th', { scope: 'row' }, row.table), h('td', {}, row.lastRepair), h('td', {}, row.gcGrace),
        h('td', {}, row.usedPercent === null ? 'n/a' : `${row.usedPercent} %`), h('td', {}, badge(row.status)))))));
}

function renderBackups(backups: ApiBackup[], now: number): Node {
  return h('section', { 'aria-labelledby': 'backups-h' }, h('h3', { id: 'backups-h' }, 'Backups'),
    backups.length === 0 ? h('p', { class: 'muted' }, 'None yet.') :
      h('table', {}, h('thead', {}, h('tr', {}, ...['Backup', 'Status', 'Taken', 'Size', 'New bytes', 'Proven', 'Drill', 'RPO', 'RTO'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...backups.slice(0, 10).map((b) => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, b.backupId)), h('td', {}, badge(b.status)),
          h('td', {}, `${formatAge(b.createdAt, now)} ago`), h('td', {}, formatBytes(b.stats.bytes)), h('td', {}, formatBytes(b.stats.newBytes)),
          h('td', {}, b.proven ? 'yes' : 'no'), h('td', {}, b.latestDrill?.status ?? 'none'),
          h('td', {}, b.latestDrill?.rpoSeconds === undefined ? '' : formatSeconds(b.latestDrill.rpoSeconds)),
          h('td', {}, b.latestDrill?.rtoSeconds === undefined ? '' : formatSeconds(b.latestDrill.rtoSeconds)))))));
}

async function renderCluster(name: string, now: number): Promise<Node[]> {
  const base = `/api/clusters/${enc(name)}`;
  const [s, history] = await Promise.all([clusterSummary(name), read<{ items: ApiHealth[] }>(`${base}/health/history?pageSize=60`)]);
  const { detail, health } = s;
  const ring = planRing(detail.nodes, health);
  const keyspaces = ((detail.spec.keyspaces as { name: string }[] | undefined) ?? []).map((k) => k.name);
  const nodeList = detail.nodes.map((n) => `${n.name} (${n.privateIp}, ${n.dc}/${n.rack})`);
  const restartNode = (node: string, address: string) => void act({ title: `Restart ${node}?`,
    text: `Cassandra on ${node} (${address}) is drained and restarted, and the operation waits until the node is UN again. The other nodes are not touched.`,
    ok: 'Restart node' }, 'POST', () => `${base}/nodes/${enc(node)}/restart`, () => ({}));
  const button = (label: string, key: string, onclick: () => void, cls = '') => h('button', { type: 'button', class: cls, 'data-key': key, onclick }, label);
  const { up, total } = countNodesUp(detail.nodes, health);
  return [
    h('h2', {}, `Cluster ${name} `, badge(detail.state), ' ', badge(health.status)),
    h('p', {}, `${up} of ${total} nodes up; checked ${formatAge(health.evaluatedAt, now)} ago. Last repair ${formatAge(lastRepairAt(s.runs), now)}; `
      + `last proven backup ${formatAge(lastProvenBackupAt(s.backups), now)}.`),
    h('div', { class: 'actions' },
      button('Check health now…', 'check', () => void act({ title: `Check the health of ${name} now?`,
        text: 'A health check runs now: CQL and Azure views of every node; the ring and history update when it ends. It changes nothing on the cluster.',
        ok: 'Check health' }, 'POST', () => `${base}/health/check`)),
      button('Repair…', 'repair', () => void act({ title: `Repair ${name}?`,
        text: `A repair run of every keyspace starts, in the spec's mode, segment by segment with a bounded number of segments per node at a time. `
          + 'It pauses at a boundary when a topology change needs the cluster. Keyspaces:', items: keyspaces.length ? keyspaces : ['every keyspace of the spec'],
        ok: 'Start repair' }, 'POST', () => `${base}/repairs`, () => ({}))),
      button('Back up…', 'backup', () => void act({ title: `Back up ${name}?`,
        text: 'Every keyspace is snapshotted on each node and the files uploaded to Blob storage (only those not uploaded before).',
        ok: 'Start backup' }, 'POST', () => `${base}/backups`, () => ({}))),
      button('Rolling restart…', 'restart', () => void act({ title: `Restart every node of ${name}?`,
        text: 'Cassandra is restarted on one node at a time, in this order, each drained first; the next waits until the previous is UN again.',
        items: nodeList, ok: 'Restart cluster' }, 'POST', () => `${base}/restart`, () => ({}))),
      button('Delete…', 'delete', () => void act({ title: `Delete ${name}? This cannot be undone.`,
        text: 'Its resource groups are deleted with every resource in them (VMs, disks, networks: its data too), and its secret and records. '
          + 'Groups without its tag are left and reported. Needs the Admin role. Nodes:', items: nodeList, ok: 'Delete cluster', typed: name, danger: true },
      'DELETE', () => `${base}?confirm=${enc(name)}`), 'danger')),
    renderApprovals(s.operations, name, now),
    renderRing(ring, now, restartNode),
    renderTimeline(history.items, now),
    renderOperations(s.operations, now),
    await renderRepairs(name, s.runs, now),
    renderBackups(s.backups, now),
  ];
}

// ---- routing and polling -------------------------------------------------------------------

let rendering = false;
async function refresh(): Promise<void> {
  if (rendering || document.querySelector('dialog[open]')) return;
  rendering = true;
  try {
    const now = Date.now();
    const route = /^#\/clusters\/([^/]+)$/.exec(location.hash);
    const content = route ? await renderCluster(decodeURIComponent(route[1]!), now) : await renderList(now);
    // Keep keyboard focus on the same control across a redraw.
    const focusedKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
    $('main').replaceChildren(...content);
    if (focusedKey) document.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusedKey)}"]`)?.focus();
    $('updated').textContent = `updated ${new Date(now).toLocaleTimeString()}`;
    if ($('status').className === 'error' && $('status').textContent?.startsWith('Could not read')) say('');
  } catch (error) {
    say(`Could not read the API: ${(error as Error).message}`, true);
  } finally {
    rendering = false;
  }
}

setUpKeyDialog();
window.addEventListener('hashchange', () => { void refresh().then(() => $('main').focus()); });
void refresh();
setInterval(() => { void refresh(); }, POLL_IN_MS);

/**
 * The web console: reads the public API (nothing else) every few seconds and draws it; every
 * action goes through a confirmation that names what will happen, then through the API, which
 * authorizes it as any other call. Credentials: the App Service authentication session (a cookie
 * the browser sends on same-origin calls) and, when the user gives one, a function key kept in
 * this tab's sessionStorage and sent as `x-functions-key`, never in a URL. Everything is built
 * with textContent (no innerHTML), so nothing the API answers is ever run as markup.
 */
import { api, describeError, read, setUpKeyDialog } from './console-api.js';
import { $, badge, confirmAction, editSpec, h, progress, say, type Child, type Confirmation } from './console-dom.js';
import { renderBackups, renderOperations, renderRing, renderTimeline, section, table } from './console-sections.js';
import {
  activeOperations, countNodesUp, describeChangePlan, formatAge, formatSeconds, lastProvenBackupAt, lastRepairAt, pendingApprovals,
  planLedgerRows, planRing, type ApiBackup, type ApiHealth, type ApiLedgerEntry, type ApiNode, type ApiOperation,
  type ApiChangePlan, type ApiRepairRun,
} from './console-view.js';

const POLL_IN_MS = 3000;

/** Confirms, calls the API, says what it answered and refreshes. */
async function act(c: Confirmation, method: string, path: (reason: string) => string, body?: (reason: string) => unknown,
  headers?: Record<string, string>): Promise<void> {
  const reason = await confirmAction(c);
  if (reason === undefined) return;
  try {
    const answer = await api(method, path(reason), body?.(reason), headers);
    if (answer.status >= 400) say(`${c.ok} refused: ${describeError(answer)}`, true);
    else say(`${c.ok}: accepted${typeof answer.body.operationId === 'string' ? ` (operation ${answer.body.operationId})` : ''}.`);
  } catch (error) {
    say(`${c.ok} failed: ${(error as Error).message}`, true);
  }
  await refresh();
}

interface ClusterDetail {
  name: string; state: string; nodes: ApiNode[]; spec: Record<string, unknown>; etag: string;
  runningOperations: { operationId: string; kind: string }[];
}

/**
 * Changes a cluster's spec: the user edits it, the API's plan preview (which changes nothing) says
 * what applying it would do, and only a confirmation of that preview sends the PUT, with the ETag
 * the edit started from (a spec changed meanwhile answers 412 rather than being overwritten).
 */
async function changeSpec(detail: ClusterDetail): Promise<void> {
  const base = `/api/clusters/${enc(detail.name)}`;
  const spec = await editSpec(`Change the spec of ${detail.name}`, detail.spec);
  if (spec === undefined) return;
  const preview = await api('POST', `${base}/plan`, spec);
  if (preview.status !== 200) return say(`Plan preview refused: ${describeError(preview)}`, true);
  const { changes, blockers, applicable } = describeChangePlan(preview.body as unknown as ApiChangePlan);
  if (!applicable) {
    if (blockers.length > 0) say(`Not applicable: ${blockers.join('; ')}`, true);
    else say('Nothing to change: the spec is what the cluster runs.');
    return;
  }
  await act({ title: `Apply this spec to ${detail.name}?`, items: changes, ok: 'Apply spec',
    text: 'The plan preview of the API says applying it will do this, one node at a time where nodes change:' },
  'PUT', () => base, () => spec, { 'if-match': detail.etag });
}

const enc = encodeURIComponent;

/** What the list and a cluster's page both read of one cluster: six reads of the API, in parallel. */
async function clusterSummary(name: string) {
  const base = `/api/clusters/${enc(name)}`;
  const [detail, health, repairs, backups, ops] = await Promise.all([
    read<ClusterDetail>(base), read<ApiHealth>(`${base}/health`), read<{ runs: ApiRepairRun[] }>(`${base}/repairs`),
    read<{ backups: ApiBackup[] }>(`${base}/backups`), read<{ operations: ApiOperation[] }>(`${base}/operations?limit=20`),
  ]);
  return { detail, health, runs: repairs.runs, backups: backups.backups, operations: ops.operations };
}

const describeRunning = (o: ApiOperation) => `${o.kind} ${o.status === 'AwaitingApproval' ? '(awaiting approval)' : `${o.percent} %`}`;

/** Clusters at a glance: state, health, nodes up, last repair and last proven backup, operations running. */
async function renderList(now: number): Promise<Node[]> {
  const { clusters } = await read<{ clusters: { name: string }[] }>('/api/clusters');
  const rows = await Promise.all(clusters.map(async ({ name }): Promise<Child[]> => {
    let s: Awaited<ReturnType<typeof clusterSummary>>;
    // One cluster the API cannot describe (deleted meanwhile, say) takes only its own row.
    try { s = await clusterSummary(name); } catch (error) { return [name, h('span', { class: 'error' }, (error as Error).message)]; }
    const { up, total } = countNodesUp(s.detail.nodes, s.health);
    const active = activeOperations(s.operations);
    return [h('a', { href: `#/clusters/${enc(name)}` }, name), badge(s.detail.state), badge(s.health.status),
      h('span', { class: up < total ? 'warn' : '' }, `${up} / ${total}`),
      formatAge(lastRepairAt(s.runs), now), formatAge(lastProvenBackupAt(s.backups), now),
      active.length === 0 ? 'none' : active.map(describeRunning).join(', ')];
  }));
  const columns = ['Cluster', 'State', 'Health', 'Nodes up', 'Last repair', 'Last proven backup', 'Operations running'];
  const list = table(columns, rows, {}, clusters.map(({ name }) => ({ 'data-cluster': name })));
  return [h('h2', {}, 'Clusters'), clusters.length === 0 ? h('p', {}, 'No clusters yet: deploy one with POST /api/clusters.') : list];
}

/** Operations waiting for a person, each with Approve and Reject naming what either does. */
function renderApprovals(ops: ApiOperation[], name: string, now: number): Node {
  const answer = (o: ApiOperation, verb: 'approve' | 'reject') => act({
    title: `${verb === 'approve' ? 'Approve' : 'Reject'} ${o.kind} on ${name}?`,
    text: verb === 'approve' ? `The operation will go on and do what it proposes: ${o.proposal!.action}.`
      : `The operation ends Failed with nothing changed: ${o.proposal!.action} is not done.`,
    items: [`Why it was proposed: ${o.proposal!.reason}`, `Operation ${o.id}, waiting until ${o.proposal!.expiresAt}`],
    ok: verb === 'approve' ? 'Approve' : 'Reject', reason: true, danger: verb === 'reject',
  }, 'POST', () => `/api/operations/${enc(o.id)}/${verb}`, (reason) => (reason ? { reason } : {}));
  const item = (o: ApiOperation) => h('li', { 'data-approval': o.id },
    h('strong', {}, o.proposal!.action), ` (${o.kind}): ${o.proposal!.reason}; `
      + `waits ${formatSeconds(Math.max(0, Date.parse(o.proposal!.expiresAt) - now) / 1000)} more `,
    h('button', { type: 'button', class: 'primary', 'data-key': `approve-${o.id}`, onclick: () => answer(o, 'approve') },
      'Approve…'), ' ',
    h('button', { type: 'button', 'data-key': `reject-${o.id}`, onclick: () => answer(o, 'reject') }, 'Reject…'));
  const pending = pendingApprovals(ops);
  return section('approvals-h', 'Pending approvals',
    pending.length === 0 ? h('p', { class: 'muted' }, 'None.') : h('ul', {}, ...pending.map(item)));
}

const ACTIVE_RUN = ['Planning', 'Running', 'Paused'];
const capital = (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`;

/** Repair runs (the active ones with ETA and controls, then the newest ended) and the ledger. */
async function renderRepairs(name: string, runs: ApiRepairRun[], now: number): Promise<Node> {
  const base = `/api/clusters/${enc(name)}/repairs`;
  const [ledger, active] = await Promise.all([read<{ tables: ApiLedgerEntry[] }>(`${base}/ledger`),
    Promise.all(runs.filter((r) => ACTIVE_RUN.includes(r.state))
      .map((r) => read<ApiRepairRun & { etaSeconds?: number }>(`${base}/${enc(r.runId)}`)))]);
  const control = (r: ApiRepairRun, verb: 'pause' | 'resume' | 'cancel') => h('button', {
    type: 'button', class: 'small', 'data-key': `${verb}-${r.runId}`,
    onclick: () => act({ title: `${capital(verb)} repair run ${r.runId}?`, ok: `${capital(verb)} repair`, danger: verb === 'cancel',
      text: verb === 'cancel' ? 'The run stops at its next round and cannot be resumed; segments done stay repaired.'
        : `The run ${verb === 'pause' ? 'pauses' : 'resumes'} at its next round.` }, 'POST', () => `${base}/${enc(r.runId)}/${verb}`),
  }, `${capital(verb)}…`);
  const item = (r: ApiRepairRun & { etaSeconds?: number }) => h('li',
    { 'data-run': r.runId, 'data-state': r.state, 'data-percent': r.percent, 'data-segments-done': r.segmentsDone },
    badge(r.state), ` ${r.runId}: ${r.segmentsDone} / ${r.segmentsTotal} segments `, progress(r.percent, `repair ${r.runId} progress`),
    ` ${r.percent} %`, r.etaSeconds !== undefined && ` ETA ${formatSeconds(r.etaSeconds)}`,
    r.endedAt && ` ended ${formatAge(r.endedAt, now)} ago`,
    ...(ACTIVE_RUN.includes(r.state) ? [' ', control(r, r.state === 'Paused' ? 'resume' : 'pause'), ' ', control(r, 'cancel')] : []));
  const ended = runs.filter((r) => !active.some((a) => a.runId === r.runId)).slice(0, 3);
  const ledgerRows = planLedgerRows(ledger.tables).map((row): Child[] =>
    [row.table, row.lastRepair, row.gcGrace, row.usedPercent === null ? 'n/a' : `${row.usedPercent} %`, badge(row.status)]);
  return section('repairs-h', 'Repairs', h('ul', { class: 'runs' }, ...[...active, ...ended].map(item)),
    h('h4', {}, 'Ledger: last complete repair against gc_grace_seconds'),
    table(['Table', 'Last complete repair', 'gc_grace_seconds', 'Used', 'Status'], ledgerRows, { class: 'ledger' },
      ledger.tables.map((t) => ({ 'data-table': `${t.keyspace}.${t.table}` }))));
}

/** The actions on a cluster, each behind a confirmation that names what it will do. */
function clusterActions(detail: ClusterDetail): Node {
  const { name } = detail;
  const base = `/api/clusters/${enc(name)}`;
  const keyspaces = ((detail.spec.keyspaces as { name: string }[] | undefined) ?? []).map((k) => k.name);
  const nodeList = detail.nodes.map((n) => `${n.name} (${n.privateIp}, ${n.dc}/${n.rack})`);
  const button = (label: string, key: string, onclick: () => void, cls = '') =>
    h('button', { type: 'button', class: cls, 'data-key': key, onclick }, label);
  return h('div', { class: 'actions' },
    button('Check health now…', 'check', () => void act({ title: `Check the health of ${name} now?`, ok: 'Check health',
      text: 'A health check runs now: CQL and Azure views of every node; the ring and history update when it ends. '
        + 'It changes nothing on the cluster.' }, 'POST', () => `${base}/health/check`)),
    button('Repair…', 'repair', () => void act({ title: `Repair ${name}?`, ok: 'Start repair',
      text: 'A repair run of every keyspace starts, in the spec\'s mode, segment by segment with a bounded number of segments per node '
        + 'at a time. It pauses at a boundary when a topology change needs the cluster. Keyspaces:',
      items: keyspaces.length ? keyspaces : ['every keyspace of the spec'] }, 'POST', () => `${base}/repairs`, () => ({}))),
    button('Back up…', 'backup', () => void act({ title: `Back up ${name}?`, ok: 'Start backup',
      text: 'Every keyspace is snapshotted on each node and the files uploaded to Blob storage (only those not uploaded before).' },
    'POST', () => `${base}/backups`, () => ({}))),
    button('Change spec…', 'change', () => void changeSpec(detail)),
    button('Rolling restart…', 'restart', () => void act({ title: `Restart every node of ${name}?`, ok: 'Restart cluster',
      items: nodeList, text: 'Cassandra is restarted on one node at a time, in this order, each drained first; '
        + 'the next waits until the previous is UN again.' },
    'POST', () => `${base}/restart`, () => ({}))),
    button('Delete…', 'delete', () => void act({ title: `Delete ${name}? This cannot be undone.`, ok: 'Delete cluster', items: nodeList,
      typed: name, danger: true,
      text: 'Its resource groups are deleted with every resource in them (VMs, disks, networks: its data too), and its secret and '
        + 'records. Groups without its tag are left and reported. Needs the Admin role. Nodes:' },
    'DELETE', () => `${base}?confirm=${enc(name)}`), 'danger'));
}

/** A cluster's page: summary and actions, approvals, ring, health history, operations, repairs, backups. */
async function renderCluster(name: string, now: number): Promise<Node[]> {
  const base = `/api/clusters/${enc(name)}`;
  const [s, history] = await Promise.all([clusterSummary(name), read<{ items: ApiHealth[] }>(`${base}/health/history?pageSize=60`)]);
  const { detail, health } = s;
  const restartNode = (node: string, address: string) => void act({ title: `Restart ${node}?`, ok: 'Restart node',
    text: `Cassandra on ${node} (${address}) is drained and restarted, and the operation waits until the node is UN again. `
      + 'The other nodes are not touched.' }, 'POST', () => `${base}/nodes/${enc(node)}/restart`, () => ({}));
  const { up, total } = countNodesUp(detail.nodes, health);
  return [
    h('h2', {}, `Cluster ${name} `, badge(detail.state), ' ', badge(health.status)),
    h('p', {}, `${up} of ${total} nodes up; checked ${formatAge(health.evaluatedAt, now)} ago. `
      + `Last repair ${formatAge(lastRepairAt(s.runs), now)}; last proven backup ${formatAge(lastProvenBackupAt(s.backups), now)}.`),
    clusterActions(detail),
    renderApprovals(s.operations, name, now),
    renderRing(planRing(detail.nodes, health), now, restartNode),
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

setUpKeyDialog(() => { void refresh(); });
window.addEventListener('hashchange', () => { void refresh().then(() => $('main').focus()); });
void refresh();
setInterval(() => { void refresh(); }, POLL_IN_MS);

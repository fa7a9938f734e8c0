import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CONSOLE_ASSETS } from '../../../shared/api/console-assets.js';
import type { DeploymentNode } from '../../../shared/domain/deploy/deployment-plan.js';
import { LOCAL_SUBSCRIPTION_ID as SUBSCRIPTION } from '../../../local/stack/start-local-stack.js';
import { waitFor } from '../../support/wait-for.js';
import { hasEnded, useE2eStack, type OperationBody } from '../support/e2e-stack.js';
import { launchChromium, type LaunchedChromium } from '../support/launch-chromium.js';
import { runOnVm } from '../support/run-on-vm.js';
import { withSession } from '../support/cluster-checks.js';

/** Three nodes, one per rack, four tokens each (a repair of a keyspace is twelve short segments), an address space of its own. */
const SPEC = {
  cluster: { name: 'consoledemo', numTokens: 4, jvm: { maxHeapMiB: 512, newHeapMiB: 128 } },
  azure: { subscriptionId: SUBSCRIPTION, vmSize: 'Standard_B2ms', dataDisk: { sizeGiB: 64, sku: 'StandardSSD_LRS' } },
  datacenters: [{ name: 'dc1', region: 'eastus', racks: 3, nodes: 3,
    network: { addressSpace: '127.86.0.0/16', dataSubnet: '127.86.1.0/24', appSubnet: '127.86.2.0/24' } }],
  network: { cqlAllowedCidrs: ['127.0.0.1/32'] },
  keyspaces: [{ name: 'shop', replication: { dc1: 3 } }],
  schedules: { repair: { segmentsPerNode: 1, batchSize: 4 } },
};
// Every timer out of the way (yearly): the page and the autopilot are the only actors.
const YEARLY = '0 0 0 1 1 *';
const APP_SETTINGS = { HEALTH_CHECK_SCHEDULE: YEARLY, AUTOPILOT_REPAIR_TIMER_SCHEDULE: YEARLY, AUTOPILOT_BACKUP_TIMER_SCHEDULE: YEARLY,
  AUTOPILOT_DRILL_TIMER_SCHEDULE: YEARLY };
const SHOTS = fileURLToPath(new URL('../../../../test-results/console/', import.meta.url));
const POLL = { intervalInMs: 500 };
/** One health check of three local nodes takes seconds; this bounds one check, not several. */
const ONE_CHECK_IN_MS = 120_000;

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The page's modules come from the console's own tsc project (`npm run build` runs both): a build
 * of tsconfig.json alone leaves them missing or stale, which would fail the story far from the cause.
 */
function requireBuiltConsole(): void {
  for (const [name, { dir }] of Object.entries(CONSOLE_ASSETS).filter(([, a]) => a.dir !== 'console')) {
    const built = join(ROOT, dir, name);
    const source = join(ROOT, 'console', name.replace(/\.js$/, '.ts'));
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(source).mtimeMs) {
      throw new Error(`${dir}/${name} is missing or older than its source: run npm run build (it runs tsc -p console/tsconfig.json too)`);
    }
  }
}

describe('the web console on the local stack: ring, a node down, a repair from the page, an approval', () => {
  const s = useE2eStack({ appSettings: APP_SETTINGS });
  const cluster = SPEC.cluster.name;
  let nodes: DeploymentNode[];
  let chromium: LaunchedChromium | undefined;
  let page: Page;
  const timings: string[] = [];
  const pageErrors: string[] = [];
  const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const value = await work();
    timings.push(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return value;
  };
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  /** The first screen only, as someone opening the page sees it (the README's image is one of these). */
  const screen = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const victim = () => nodes[2]!;
  const kill = () => runOnVm(s.armClients(), victim(), 'kill -9 "$(cat "$CASSANDRA_GUEST_DIR/run/cassandra.pid")"');
  const stateOf = (node: string) => page.locator(`li[data-node="${node}"]`).getAttribute('data-state');
  const history = async () => ((await s.api('GET', `/api/clusters/${cluster}/health/history?pageSize=100`)).body as { items: { checkId: string }[] }).items;
  const operations = async () => ((await s.api('GET', `/api/clusters/${cluster}/operations`)).body as { operations: (OperationBody & { kind: string; trigger: string })[] }).operations;

  /** Clicks an action button, checks the confirmation names what will happen, confirms. */
  async function confirmFromPage(button: string, names: RegExp): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    const dialog = page.locator('dialog#confirm');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), names);
    await page.locator('#confirm-ok').click();
    await dialog.waitFor({ state: 'hidden' });
  }
  /** Waits (by polling the page, as a person would look) until `node` shows `state`. */
  const waitState = (node: string, state: string, timeoutInMs: number) =>
    waitFor(`${node} to show ${state} on the page`, timeoutInMs, async () => {
      const seen = await stateOf(node);
      if (seen === state) return seen;
      throw new Error(`shows ${seen}`);
    }, POLL);

  before(async () => {
    requireBuiltConsole();
    mkdirSync(SHOTS, { recursive: true });
    nodes = (await timed('deploy through the API', () => s.deploy(SPEC))).plan.nodes;
    await withSession(nodes.map((n) => n.privateIp), 'dc1', { username: 'autopilot_admin', password: s.superuserPassword(cluster) },
      (client) => client.execute('CREATE TABLE IF NOT EXISTS shop.items (id int PRIMARY KEY, name text)'));
    chromium = await launchChromium();
    page = chromium.browser.contexts()[0]!.pages()[0] ?? await chromium.browser.contexts()[0]!.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    // A script error on the page fails the story at its end, with the messages.
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  after(async () => {
    await chromium?.close();
    console.log(`# console story timings:\n#   ${timings.join('\n#   ')}`);
  });

  test('the page asks for a key once, keeps it out of the URL, and lists the cluster', async () => {
    await page.goto(`${s.stack.apiUrl}/api/console`);
    await page.locator('dialog#key-dialog').waitFor({ state: 'visible' });
    await page.locator('#key-input').fill(s.stack.keys.operator);
    await page.locator('#key-save').click();
    const row = page.locator(`tr[data-cluster="${cluster}"]`);
    await row.waitFor();
    await waitFor('the row to read Ready with 3 nodes', 30_000, async () => /Ready/.test(await row.innerText()) && /\/ 3/.test(await row.innerText()) || undefined, POLL);
    assert.doesNotMatch(page.url(), /code=|key=/i, 'no key in the URL');
    assert.equal(await page.evaluate("sessionStorage.getItem('autopilot.functionKey')"), s.stack.keys.operator, 'kept in the tab\'s session');
    await shot('01-clusters');
  });

  test('the ring shows every node UN in its rack after a check started from the page', async () => {
    await page.getByRole('link', { name: cluster }).click();
    await page.locator('li[data-node]').first().waitFor();
    await timed('first check from the page until the ring is UN', async () => {
      await confirmFromPage('Check health now…', /health check runs now/);
      for (const n of nodes) await waitState(n.name, 'UN', ONE_CHECK_IN_MS);
    });
    for (const n of nodes) {
      const item = page.locator(`li[data-node="${n.name}"]`);
      assert.equal(await item.getAttribute('data-address'), n.privateIp);
      const rack = await item.evaluate((el) => el.closest('[data-rack]')?.getAttribute('data-rack'));
      const dc = await item.evaluate((el) => el.closest('[data-dc]')?.getAttribute('data-dc'));
      assert.deepEqual([dc, rack], [n.dc, n.rack], `${n.name} drawn in its DC and rack`);
    }
    assert.equal(await page.locator('li[data-node]').count(), 3);
    await shot('02-ring');
  });

  test('a killed node turns DN on the page within one health check', async () => {
    await kill();
    const checksBefore = (await history()).length;
    await timed('kill to DN on the page (one check)', async () => {
      await confirmFromPage('Check health now…', /health check runs now/);
      await waitState(victim().name, 'DN', ONE_CHECK_IN_MS);
    });
    assert.equal((await history()).length, checksBefore + 1, 'one check, the one started from the page');
    assert.match(await page.locator(`li[data-node="${victim().name}"]`).innerText(), /node-down/);
    await shot('03-node-down');
    // The autopilot restarts Cassandra there (the first time within the hour); the next check sees it UN again.
    const restart = await waitFor('the autopilot\'s restart', 120_000, async () =>
      (await operations()).find((o) => o.trigger === 'remediation' && o.kind === 'RestartCluster'), POLL);
    const ended = await timed('autopilot restart of the killed node', () => s.waitForOperation(restart.id, hasEnded, 300_000));
    assert.equal(ended.status, 'Succeeded', JSON.stringify(ended.error));
    await confirmFromPage('Check health now…', /health check runs now/);
    await waitState(victim().name, 'UN', ONE_CHECK_IN_MS);
  });

  test('a repair started from the page shows its progress advancing until it succeeds', async () => {
    await confirmFromPage('Repair…', /repair run of every keyspace[\s\S]*shop/);
    const run = page.locator('li[data-run]').first();
    const seen: number[] = [];
    const final = await timed('repair from the page until Succeeded', () => waitFor('the repair run to succeed on the page', 600_000, async () => {
      const state = await run.getAttribute('data-state');
      const done = Number(await run.getAttribute('data-segments-done'));
      if (seen.at(-1) !== done) seen.push(done);
      if (seen.length === 3) await shot('04-repair-progress');
      if (state === 'Failed' || state === 'Cancelled') throw new Error(`run ${state}`);
      return state === 'Succeeded' ? { state, percent: Number(await run.getAttribute('data-percent')) } : undefined;
    }, POLL));
    assert.equal(final.percent, 100);
    assert.ok(seen.length >= 3, `progress seen advancing: ${seen.join(' > ')}`);
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b), `never backwards: ${seen.join(' > ')}`);
    console.log(`# repair segments done as the page showed them: ${seen.join(' > ')}`);
    assert.match(await page.locator('table.ledger').innerText(), /shop\.items/);
  });

  test('killed again within the hour: the proposed replacement is approved from the page', async () => {
    await kill();
    await confirmFromPage('Check health now…', /health check runs now/);
    await waitState(victim().name, 'DN', ONE_CHECK_IN_MS);
    const approval = page.locator('li[data-approval]');
    await timed('DN to a pending approval on the page', () => approval.waitFor({ timeout: 180_000 }));
    const id = await approval.getAttribute('data-approval');
    assert.match(await approval.innerText(), new RegExp(`replace ${victim().name}`));
    await shot('05-approval');
    await screen('05-approval-screen');
    await page.getByRole('button', { name: 'Approve…' }).click();
    const dialog = page.locator('dialog#confirm');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), new RegExp(`go on and do what it proposes: replace ${victim().name}`));
    await page.locator('#confirm-reason').fill('approved from the console');
    await page.locator('#confirm-ok').click();
    const op = await s.waitForOperation(id!, (o) => o.status !== 'AwaitingApproval', 60_000) as OperationBody & { decision?: { approved: boolean; by: string; reason?: string } };
    assert.deepEqual([op.decision?.approved, op.decision?.by, op.decision?.reason], [true, 'operator', 'approved from the console']);
    await approval.waitFor({ state: 'detached', timeout: 30_000 });
    const replaced = await timed('approved replacement until Succeeded', () => s.waitForOperation(id!, hasEnded, 480_000));
    assert.equal(replaced.status, 'Succeeded', JSON.stringify(replaced.error));
    await confirmFromPage('Check health now…', /health check runs now/);
    await waitState(victim().name, 'UN', ONE_CHECK_IN_MS);
    await shot('06-replaced');
  });

  test('a spec change goes through the API\'s plan preview, and only its confirmation applies it', async () => {
    const etag = ((await s.api('GET', `/api/clusters/${cluster}`)).body as { etag: string }).etag;
    await page.getByRole('button', { name: 'Change spec…' }).click();
    const text = page.locator('#spec-text');
    const spec = JSON.parse(await text.inputValue()) as { autopilot: { approvalTimeoutMinutes: number } };
    assert.equal(spec.autopilot.approvalTimeoutMinutes, 240, 'the editor starts from the spec the cluster runs');
    spec.autopilot.approvalTimeoutMinutes = 120;
    await text.fill(JSON.stringify(spec, null, 2));
    await page.getByRole('button', { name: 'Preview plan…' }).click();
    const dialog = page.locator('dialog#confirm');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /plan preview[\s\S]*\$\.autopilot applied in place/);
    assert.equal(((await s.api('GET', `/api/clusters/${cluster}`)).body as { etag: string }).etag, etag, 'the preview changed nothing');
    await shot('07-plan-preview');
    await page.locator('#confirm-ok').click();
    const update = await waitFor('the update operation', 30_000, async () => (await operations()).find((o) => o.kind === 'UpdateCluster'), POLL);
    const ended = await timed('spec change from the page until Succeeded', () => s.waitForOperation(update.id, hasEnded, 300_000));
    assert.equal(ended.status, 'Succeeded', JSON.stringify(ended.error));
    const changed = (await s.api('GET', `/api/clusters/${cluster}`)).body as { spec: { autopilot: { approvalTimeoutMinutes: number } } };
    assert.equal(changed.spec.autopilot.approvalTimeoutMinutes, 120);
  });

  test('with a Reader\'s key the page shows the same cluster, and an action is refused by the API naming the role it needs', async () => {
    await page.getByRole('button', { name: 'Credentials…' }).click();
    await page.locator('#key-input').fill(s.stack.keys.reader);
    await page.locator('#key-save').click();
    await waitState(victim().name, 'UN', 30_000);
    const runsBefore = ((await s.api('GET', `/api/clusters/${cluster}/repairs`)).body as { runs: unknown[] }).runs.length;
    await confirmFromPage('Repair…', /repair run of every keyspace/);
    const status = page.locator('#status');
    await waitFor('the refusal on the page', 30_000, async () => /CASSOPS_FORBIDDEN/.test(await status.innerText()) || undefined, POLL);
    assert.match(await status.innerText(), /403 CASSOPS_FORBIDDEN[\s\S]*Operator/);
    assert.equal(((await s.api('GET', `/api/clusters/${cluster}/repairs`)).body as { runs: unknown[] }).runs.length, runsBefore, 'nothing started');
    await shot('08-reader-refused');
  });

  test('the page ran without a script error', () => {
    assert.deepEqual(pageErrors, []);
  });
});

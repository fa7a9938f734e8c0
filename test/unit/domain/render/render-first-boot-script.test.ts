import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validSpecFixture } from '../../../support/deployment-plan-fixture.js';
import { planTopology } from '../../../../shared/domain/topology/plan-topology.js';
import { renderCloudInit } from '../../../../shared/domain/render/render-cloud-init.js';
import { FIRST_BOOT_SCRIPT_PATH, FIRST_BOOT_STATUS_PATH, renderFirstBootScript } from '../../../../shared/domain/render/render-first-boot-script.js';
import { NODE_PREPARED_MARKER, PREPARE_NODE_SCRIPT_PATH } from '../../../../shared/domain/render/render-prepare-node-script.js';
import { STORAGE_PORT } from '../../../../shared/domain/render/render-cassandra-yaml.js';
import type { NodePlan } from '../../../../shared/domain/topology/cluster-plan.js';

const plan = planTopology(validSpecFixture(1, 5));
const nodes = plan.datacenters.flatMap((dc) => dc.nodes);
const seed = nodes.find((n) => n.isSeed)!;
const other = nodes.find((n) => !n.isSeed)!;
const runcmdOf = (cloudInit: string) => (parse(cloudInit) as { runcmd: string[] }).runcmd;

describe('the first boot in cloud-init', () => {
  it('runs after the preparation script only on a brand-new cluster\'s node booting in parallel', () => {
    assert.deepEqual(runcmdOf(renderCloudInit(plan, other, 'parallel')), [PREPARE_NODE_SCRIPT_PATH, FIRST_BOOT_SCRIPT_PATH]);
    assert.match(renderCloudInit(plan, other, 'parallel'), new RegExp(`path: ${FIRST_BOOT_SCRIPT_PATH}`));
    const stopped: [string, NodePlan, Parameters<typeof renderCloudInit>[2], Parameters<typeof renderCloudInit>[3]][] = [
      ['ordered joins', other, 'ordered', {}],
      ['a node added to a running ring', { ...other, initial: false }, 'parallel', {}],
      ['a replacement', other, 'parallel', { replaceAddress: '127.1.1.9' }],
      ['a node of a restored cluster started without bootstrap', other, 'parallel', { withoutBootstrap: true }],
    ];
    for (const [what, node, mode, boot] of stopped) {
      const cloudInit = renderCloudInit(plan, node, mode, boot);
      assert.deepEqual(runcmdOf(cloudInit), [PREPARE_NODE_SCRIPT_PATH], what);
      assert.doesNotMatch(cloudInit, /autopilot-first-boot/, what);
    }
  });
});

describe('the first boot of DCs linked by VPN gateways', () => {
  it('is left to the orchestrator: cloud-init starts no node, since the link comes up well after the VMs', () => {
    const linked = planTopology(validSpecFixture(2, 3, { vpnGateway: true }));
    for (const node of linked.datacenters.flatMap((dc) => dc.nodes)) {
      assert.deepEqual(runcmdOf(renderCloudInit(linked, node, 'parallel')), [PREPARE_NODE_SCRIPT_PATH], node.name);
    }
  });
});

describe('renderFirstBootScript, run by bash with a systemctl stand-in', () => {
  let dir: string;
  let gossip: Server;
  // A seed's gossip port, on a loopback address no local node uses.
  const seedAddress = '127.77.0.1';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'first-boot-'));
    gossip = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => gossip.listen(STORAGE_PORT, seedAddress, resolve));
  });
  after(async () => {
    await new Promise((resolve) => gossip.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the node's script with its paths under a fresh root, the seeds at `seeds`; returns its exit code, status line and systemctl calls. */
  function run(node: NodePlan, options: { prepared?: boolean; seeds?: string; systemctlExit?: number; seedWaitSeconds?: number } = {}) {
    const root = mkdtempSync(join(dir, 'vm-'));
    mkdirSync(join(root, 'bin'));
    const calls = join(root, 'systemctl.calls');
    writeFileSync(join(root, 'bin', 'systemctl'), `#!/bin/bash\necho "$@" >> ${calls}\nexit ${options.systemctlExit ?? 0}\n`);
    chmodSync(join(root, 'bin', 'systemctl'), 0o755);
    if (options.prepared ?? true) {
      mkdirSync(join(root, NODE_PREPARED_MARKER, '..'), { recursive: true });
      writeFileSync(join(root, NODE_PREPARED_MARKER), '');
    } else {
      mkdirSync(join(root, FIRST_BOOT_STATUS_PATH, '..'), { recursive: true });
    }
    const script = renderFirstBootScript(plan, node)
      .replaceAll(NODE_PREPARED_MARKER, join(root, NODE_PREPARED_MARKER)).replaceAll(FIRST_BOOT_STATUS_PATH, join(root, FIRST_BOOT_STATUS_PATH))
      .replace(/^SEEDS=.*$/m, `SEEDS="${options.seeds ?? seedAddress}"`)
      .replace(/^SEED_WAIT_SECONDS=.*$/m, `SEED_WAIT_SECONDS=${options.seedWaitSeconds ?? 5}`);
    const result = spawnSync('bash', ['-c', script], { env: { ...process.env, PATH: `${join(root, 'bin')}:${process.env.PATH}` }, encoding: 'utf8' });
    return { code: result.status, status: readFileSync(join(root, FIRST_BOOT_STATUS_PATH), 'utf8').trim(),
      systemctl: existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [] };
  }

  it('starts a seed at once and records it', () => {
    assert.doesNotMatch(renderFirstBootScript(plan, seed), /SEEDS=/);
    assert.deepEqual(run(seed, { seeds: '127.77.0.2' }), { code: 0, status: 'AUTOPILOT-STATUS firstBoot ok started', systemctl: ['enable --now cassandra'] });
  });

  it('starts another node once a seed answers gossip', () => {
    assert.match(renderFirstBootScript(plan, other), new RegExp(`SEEDS="${nodes.filter((n) => n.isSeed).map((n) => n.privateIp).join(' ')}"`));
    assert.deepEqual(run(other), { code: 0, status: 'AUTOPILOT-STATUS firstBoot ok started', systemctl: ['enable --now cassandra'] });
  });

  it('leaves another node stopped when no seed answers in time, and still exits 0 so cloud-init is not failed', () => {
    assert.deepEqual(run(other, { seeds: '127.77.0.2', seedWaitSeconds: 1 }),
      { code: 0, status: 'AUTOPILOT-STATUS firstBoot failed no-seed-answers', systemctl: [] });
  });

  it('starts nothing on a node whose preparation did not finish, and records a failed start', () => {
    assert.deepEqual(run(seed, { prepared: false }), { code: 0, status: 'AUTOPILOT-STATUS firstBoot failed not-prepared', systemctl: [] });
    assert.deepEqual(run(seed, { systemctlExit: 1 }),
      { code: 0, status: 'AUTOPILOT-STATUS firstBoot failed systemctl-start', systemctl: ['enable --now cassandra'] });
  });
});

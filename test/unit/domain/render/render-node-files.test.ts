import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { renderCassandraYaml } from '../../../../shared/domain/render/render-cassandra-yaml.js';
import { renderCloudInit } from '../../../../shared/domain/render/render-cloud-init.js';
import { renderJvmHeapOptions } from '../../../../shared/domain/render/render-jvm-heap-options.js';
import { renderRackdcProperties } from '../../../../shared/domain/render/render-rackdc-properties.js';
import { sizeJvmHeap } from '../../../../shared/domain/render/size-jvm-heap.js';
import { azureSpec, localSpec, readExample } from '../spec-fixtures.js';
import { planOf } from './render-fixtures.js';

type WriteFile = { path: string; content: string; permissions: string; owner: string; encoding?: string };
type CloudConfig = { write_files: WriteFile[]; packages: string[]; runcmd: string[] };

function properties(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split('=', 2) as [string, string]));
}

describe('renderRackdcProperties', () => {
  it('names the node\'s dc and rack and prefers local addresses', () => {
    const plan = planOf(localSpec());
    assert.deepEqual(properties(renderRackdcProperties(plan.datacenters[1]!.nodes[1]!)), { dc: 'dc2', rack: 'rack2', prefer_local: 'true' });
  });
});

describe('sizeJvmHeap', () => {
  const cases: [string, { maxHeapMiB?: number; newHeapMiB?: number }, number, number][] = [
    ['Standard_B2ms', {}, 4096, 200],
    ['Standard_D4s_v5', {}, 8192, 400],
    ['Standard_E8s_v5', {}, 31744, 800],
    ['Standard_E32s_v5', {}, 31744, 3200],
    ['Standard_DS13_v2', {}, 28672, 800],
    ['Standard_E8s_v5', { maxHeapMiB: 512 }, 512, 128],
    ['Standard_E8s_v5', { maxHeapMiB: 512, newHeapMiB: 100 }, 512, 100],
    ['Standard_Unlisted', { maxHeapMiB: 2048 }, 2048, 200],
  ];
  for (const [size, override, max, young] of cases) {
    it(`sizes ${size} ${JSON.stringify(override)} to ${max}M / ${young}M`, () => {
      assert.deepEqual(sizeJvmHeap(size, override), { maxHeapMiB: max, newHeapMiB: young });
    });
  }

  it('refuses a size it cannot size without an explicit heap', () => {
    assert.throws(() => sizeJvmHeap('Standard_Unlisted'), /not in the VM size catalogue.*cluster\.jvm\.maxHeapMiB/);
  });
});

describe('renderJvmHeapOptions', () => {
  it('exports MAX_HEAP_SIZE and HEAP_NEWSIZE in MiB', () => {
    const plan = planOf(azureSpec(), 'azure');
    const text = renderJvmHeapOptions(plan, plan.datacenters[0]!.nodes[0]!);
    assert.match(text, /^export MAX_HEAP_SIZE=31744M$/m);
    assert.match(text, /^export HEAP_NEWSIZE=800M$/m);
  });
});

describe('renderCloudInit', () => {
  it('writes the three configuration files the guest contract names, with mode and owner', () => {
    const plan = planOf(readExample('local-two-dc.json'));
    const node = plan.datacenters[1]!.nodes[0]!;
    const text = renderCloudInit(plan, node, 'parallel');
    assert.ok(text.startsWith('#cloud-config\n'));
    const doc = parse(text, { version: '1.1' }) as CloudConfig;
    const byPath = new Map(doc.write_files.map((file) => [file.path, file]));
    assert.equal(byPath.get('/etc/cassandra/cassandra.yaml')?.content, renderCassandraYaml(plan, node, 'parallel'));
    assert.equal(byPath.get('/etc/cassandra/cassandra-rackdc.properties')?.content, renderRackdcProperties(node));
    assert.equal(byPath.get('/etc/default/cassandra')?.content, renderJvmHeapOptions(plan, node));
    assert.match(byPath.get('/etc/default/cassandra')!.content, /^export MAX_HEAP_SIZE=512M$/m);
    for (const file of doc.write_files) {
      assert.match(file.permissions, /^0[0-7]{3}$/);
      assert.equal(file.owner, 'root:root');
      assert.equal(file.encoding, undefined);
    }
  });

  it('mounts the data disk by LUN before installing Cassandra from the Apache repository and leaves it disabled', () => {
    const plan = planOf(azureSpec(), 'azure');
    const doc = parse(renderCloudInit(plan, plan.datacenters[0]!.nodes[0]!, 'ordered'), { version: '1.1' }) as CloudConfig;
    const script = (path: string) => doc.write_files.find((file) => file.path === path)!.content;
    assert.deepEqual(doc.runcmd, ['/usr/local/sbin/autopilot-prepare-node']);
    const prepare = script('/usr/local/sbin/autopilot-prepare-node').split('\n');
    const at = (pattern: RegExp) => prepare.findIndex((line) => pattern.test(line));
    assert.ok(prepare.includes('set -eu'));
    assert.ok(at(/autopilot-mount-data-disk/) < at(/apt-get install/), 'disk mounted before the package creates /var/lib/cassandra');
    assert.ok(at(/policy-rc\.d$/) < at(/apt-get install/), 'starting is forbidden during install');
    assert.match(prepare[at(/^echo "deb/)]!, /debian\.cassandra\.apache\.org 50x main/);
    assert.match(prepare[at(/apt-get install/)]!, /--force-confold .*cassandra$/);
    assert.ok(at(/systemctl disable cassandra/) > at(/apt-get install/));
    assert.equal(prepare.filter((line) => /systemctl (start|enable)/.test(line)).length, 0);
    assert.equal(at(/apt-mark hold/), -1, 'the series\' newest is not held');
    const pinnedPlan = planOf({ ...azureSpec(), cluster: { ...(azureSpec().cluster as object), cassandraVersion: '5.0.8' } }, 'azure');
    const pinned = (parse(renderCloudInit(pinnedPlan, pinnedPlan.datacenters[0]!.nodes[0]!, 'parallel'), { version: '1.1' }) as CloudConfig)
      .write_files.find((file) => file.path === '/usr/local/sbin/autopilot-prepare-node')!.content.split('\n');
    assert.ok(pinned.some((line) => /debian\.cassandra\.apache\.org 50x main/.test(line)), 'a patch release comes from its series\' repository');
    assert.match(pinned.find((line) => /apt-get install/.test(line))!, /--force-confold .*cassandra=5\.0\.8$/);
    assert.ok(pinned.findIndex((line) => line === 'apt-mark hold cassandra') > pinned.findIndex((line) => /apt-get install/.test(line)));
    const mount = script('/usr/local/sbin/autopilot-mount-data-disk');
    assert.match(mount, /\/dev\/disk\/azure\/scsi1\/lun\$LUN \/dev\/disk\/azure\/data\/by-lun\/\$LUN/);
    assert.match(mount, /^LUN=0$/m);
    assert.match(mount, /mountpoint -q "\$MOUNT_POINT"/);
  });

  it('fits in Azure customData (64 KiB once base64-encoded) for the largest example', () => {
    const plan = planOf(readExample('azure-two-region.json'), 'azure');
    for (const node of plan.datacenters.flatMap((dc) => dc.nodes)) {
      assert.ok(Buffer.from(renderCloudInit(plan, node, 'parallel')).toString('base64').length < 65_536, node.name);
    }
  });

  it('carries no secret', () => {
    const plan = planOf(readExample('azure-two-region.json'), 'azure');
    const text = renderCloudInit(plan, plan.datacenters[0]!.nodes[0]!, 'parallel');
    assert.doesNotMatch(text, /password:|secret|BEGIN (RSA |OPENSSH )?PRIVATE KEY/i);
  });
});

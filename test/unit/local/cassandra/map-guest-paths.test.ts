import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapGuestPaths, resolveNodePath } from '../../../../local/cassandra/map-guest-paths.js';

const node = '/tmp/guests/rg/vm1';

test('maps the Debian package paths in scripts and configuration to the node directory', () => {
  const cases: [string, string][] = [
    ['cat /etc/cassandra/cassandra.yaml', `cat ${node}/etc/cassandra/cassandra.yaml`],
    ['du -s /var/lib/cassandra', `du -s ${node}/var/lib/cassandra`],
    ['data_file_directories: [/var/lib/cassandra/data]', `data_file_directories: [${node}/var/lib/cassandra/data]`],
    ['tail "/var/log/cassandra/system.log"', `tail "${node}/var/log/cassandra/system.log"`],
    ['. /etc/default/cassandra', `. ${node}/etc/default/cassandra`],
    ['x=/etc/cassandra:/var/log/cassandra', `x=${node}/etc/cassandra:${node}/var/log/cassandra`],
  ];
  for (const [input, expected] of cases) assert.equal(mapGuestPaths(input, node), expected, input);
});

test('leaves look-alike paths alone and is idempotent', () => {
  for (const input of ['/etc/cassandra2/x', '/opt/etc/cassandra', '/var/lib/cassandra-old', 'etc/cassandra']) {
    assert.equal(mapGuestPaths(input, node), input);
  }
  const once = mapGuestPaths('ls /var/lib/cassandra/data', node);
  assert.equal(mapGuestPaths(once, node), once);
});

test('maps extra paths that cloud-init wrote', () => {
  assert.equal(mapGuestPaths('bash /opt/autopilot/check.sh', node, ['/opt/autopilot/check.sh']),
    `bash ${node}/opt/autopilot/check.sh`);
});

describe('resolveNodePath: a cloud-init path cannot leave the node directory', () => {
  let base: string;
  let nodeDir: string;
  let outside: string;
  before(() => {
    base = mkdtempSync(join(tmpdir(), 'guest-paths-'));
    nodeDir = join(base, 'rg', 'vm1');
    outside = join(base, 'outside');
    mkdirSync(join(nodeDir, 'etc', 'cassandra'), { recursive: true });
    mkdirSync(outside);
    symlinkSync(outside, join(nodeDir, 'etc', 'escape'));
    symlinkSync(join(outside, 'missing'), join(nodeDir, 'etc', 'dangling'));
    symlinkSync(join(nodeDir, 'etc', 'cassandra'), join(nodeDir, 'etc', 'inside'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  test('paths inside, existing or not, map under the node directory', () => {
    const root = realpathSync(nodeDir);
    assert.equal(resolveNodePath(nodeDir, '/etc/cassandra/cassandra.yaml'), join(root, 'etc/cassandra/cassandra.yaml'));
    assert.equal(resolveNodePath(nodeDir, '/opt/autopilot/new/check.sh'), join(root, 'opt/autopilot/new/check.sh'));
    assert.equal(resolveNodePath(nodeDir, '//etc/./cassandra//x'), join(root, 'etc/cassandra/x'));
    assert.equal(resolveNodePath(nodeDir, '/etc/inside/x'), join(root, 'etc/inside/x'), 'a symlink that stays inside is fine');
  });

  test('.. segments, relative paths and symlinks leading out are refused', () => {
    const cases: [string, RegExp][] = [
      ['/../outside/x', /without '\.\.'/],
      ['/etc/cassandra/../../../../outside/x', /without '\.\.'/],
      ['/..', /without '\.\.'/],
      ['etc/cassandra/x', /must be absolute/],
      ['/etc/escape/x', /outside the node directory/],
      ['/etc/escape/deeper/still/x', /outside the node directory/],
      ['/etc/escape', /outside the node directory/],
      ['/etc/dangling', /outside the node directory/],
    ];
    for (const [vmPath, expected] of cases) assert.throws(() => resolveNodePath(nodeDir, vmPath), expected, vmPath);
  });
});

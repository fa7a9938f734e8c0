import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareReleases, decideUpgradeTargets, isPatchRelease, seriesOf } from '../../../../shared/domain/upgrade/cassandra-release.js';

describe('Cassandra releases', () => {
  it('orders releases by number, ignoring a suffix, and tells a series from a patch release', () => {
    assert.ok(compareReleases('5.0.9', '5.0.10') < 0);
    assert.ok(compareReleases('5.0.10', '5.0.9') > 0);
    assert.equal(compareReleases('5.0.9-SNAPSHOT', '5.0.9'), 0);
    assert.throws(() => compareReleases('5.0', '5.0.9'), /"5.0" is not a release such as 5.0.9/);
    assert.deepEqual([isPatchRelease('5.0.9'), isPatchRelease('5.0'), seriesOf('5.0.9'), seriesOf('5.0')], [true, false, '5.0', '5.0']);
  });

  it('an upgrade restarts the nodes on an older release, leaves those on it, and names those on a newer one', () => {
    const nodes = [{ node: 'a', version: '5.0.8' }, { node: 'b', version: '5.0.9' }, { node: 'c', version: '5.0.10' }, { node: 'd', version: '5.0.7' }];
    assert.deepEqual(decideUpgradeTargets(nodes, '5.0.9'), { upgrade: ['a', 'd'], current: ['b'], newer: [{ node: 'c', version: '5.0.10' }] });
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideResourceGroupUse } from '../../../../shared/domain/deploy/decide-resource-group-use.js';
import { decideResourceGroupDeletion } from '../../../../shared/domain/deploy/decide-resource-group-deletion.js';
import type { ResourceGroupOwner } from '../../../../shared/domain/ports/arm-port.js';

const APP = 'rg-autopilot-app';
const absent: ResourceGroupOwner = { exists: false };
const untagged: ResourceGroupOwner = { exists: true };
const ours: ResourceGroupOwner = { exists: true, cluster: 'c1' };
const theirs: ResourceGroupOwner = { exists: true, cluster: 'c2' };

const useCases: [string, string, ResourceGroupOwner, string | undefined, boolean, string][] = [
  ['a group that does not exist yet', 'rg-c1', absent, APP, true, 'absent'],
  ['a group this cluster\'s tag is on', 'rg-c1', ours, APP, true, 'owned'],
  ['an untagged group', 'rg-c1', untagged, APP, false, 'untagged'],
  ['another cluster\'s group', 'rg-c1', theirs, APP, false, 'other-cluster'],
  ['the app\'s group, even tagged for this cluster', APP, ours, APP, false, 'app-group'],
  ['the app\'s group in another casing, not yet readable', 'RG-AUTOPILOT-APP', absent, APP, false, 'app-group'],
  ['any group when the app\'s group is not configured', APP, absent, undefined, true, 'absent'],
];

for (const [name, group, owner, appResourceGroup, allowed, reason] of useCases) {
  test(`resource group use: ${name}`, () => {
    const decision = decideResourceGroupUse({ name: group, owner, cluster: 'c1', ...(appResourceGroup ? { appResourceGroup } : {}) });
    assert.deepEqual([decision.allowed, decision.reason], [allowed, reason]);
    assert.equal(decision.message === undefined, allowed);
  });
}

const deletionCases: [string, string, ResourceGroupOwner, boolean, string][] = [
  ['a recorded group with this cluster\'s tag', 'rg-c1', ours, true, 'owned'],
  ['a recorded group already gone', 'rg-c1', absent, true, 'absent'],
  ['a recorded group without the tag', 'rg-c1', untagged, false, 'untagged'],
  ['a recorded group another cluster\'s tag is on', 'rg-c1', theirs, false, 'other-cluster'],
  ['a tagged group outside the record', 'rg-c1-extra', ours, false, 'not-recorded'],
  ['the app\'s group, recorded and tagged', APP, ours, false, 'app-group'],
];

for (const [name, group, owner, remove, reason] of deletionCases) {
  test(`resource group deletion: ${name}`, () => {
    const decision = decideResourceGroupDeletion({ name: group, owner, cluster: 'c1', appResourceGroup: APP, recorded: ['RG-C1', APP] });
    assert.deepEqual([decision.allowed, decision.reason], [remove, reason]);
  });
}

test('refusals say why in words an operator can act on', () => {
  const message = (owner: ResourceGroupOwner, name = 'rg-c1') => decideResourceGroupUse({ name, owner, cluster: 'c1', appResourceGroup: APP }).message;
  assert.equal(message(untagged), 'it exists and does not carry the tag autopilot-cluster=c1, so it was not created for this cluster');
  assert.equal(message(theirs), 'it belongs to cluster c2 (tag autopilot-cluster=c2)');
  assert.equal(message(ours, APP), 'it is the app\'s own resource group');
});

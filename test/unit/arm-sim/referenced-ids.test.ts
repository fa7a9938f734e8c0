import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referencedIds } from '../../../local/arm-sim/referenced-ids.js';

test('a body\'s references are its resource ids at any depth, each once; other strings and non-objects are not', () => {
  const subnet = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/data';
  const pool = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/backendAddressPools/p';
  const nic = {
    location: 'eastus', id: 'not-a-resource-id',
    properties: { ipConfigurations: [{ name: 'primary', properties: { subnet: { id: subnet }, loadBalancerBackendAddressPools: [{ id: pool }] } },
      { name: 'second', properties: { subnet: { ID: subnet } } }] },
  };
  assert.deepEqual(referencedIds(nic), [subnet, pool]);
  for (const body of [undefined, null, 'text', 42, []]) assert.deepEqual(referencedIds(body), [], JSON.stringify(body));
});

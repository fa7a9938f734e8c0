import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildClusterSpecJsonSchema } from '../../../../shared/domain/spec/cluster-spec-json-schema.js';
import { readDocPage } from '../../../support/read-doc-page.js';

type Node = { type?: string; properties?: Record<string, Node>; items?: Node };

/** Dotted paths of every leaf field of the schema, arrays of objects as `[]`. */
function leafPaths(node: Node, prefix = ''): string[] {
  if (node.type === 'object' && node.properties) {
    return Object.entries(node.properties).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      const below = leafPaths(child, path);
      return below.length > 0 ? below : [path];
    });
  }
  if (node.type === 'array' && node.items?.type === 'object') return leafPaths(node.items, `${prefix}[]`);
  return [];
}

describe('docs/cluster-spec.md', () => {
  it('documents every field of the spec schema', () => {
    const page = readDocPage('cluster-spec.md');
    const fields = leafPaths(buildClusterSpecJsonSchema() as Node).filter((path) => path !== '$schema');
    const osImage = /`azure\.osImage\.publisher` \/ `\.offer` \/ `\.sku` \/ `\.version`/.test(page);
    const missing = fields.filter((path) => !page.includes(`\`${path}\``) && !(osImage && path.startsWith('azure.osImage.')));
    assert.ok(fields.length > 40);
    assert.deepEqual(missing, []);
  });
});

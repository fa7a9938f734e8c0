// Regenerates the checked-in JSON Schema of the cluster spec (npm run spec:schema). A unit test
// fails when the file and the zod schema drift apart.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatClusterSpecJsonSchema } from '../domain/spec/cluster-spec-json-schema.js';

/** Where the schema file lives in the repository. */
export const SPEC_SCHEMA_FILE = fileURLToPath(new URL('../../../shared/domain/spec/cluster-spec.schema.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SPEC_SCHEMA_FILE, formatClusterSpecJsonSchema());
  console.log(`wrote ${SPEC_SCHEMA_FILE}`);
}

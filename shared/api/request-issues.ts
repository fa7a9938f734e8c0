import type { z } from 'zod';
import { jsonPath } from '../domain/spec/spec-issue.js';
import type { Issue } from '../errors/ops-error.js';

/** A request body's problems, each at its JSON path; an unknown field is named as such. */
export function requestIssues(error: z.ZodError): Issue[] {
  return error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys'
    ? issue.keys.map((key) => ({ path: jsonPath([...issue.path, key]), message: `unknown field "${key}"` }))
    : [{ path: jsonPath(issue.path), message: issue.message }]));
}

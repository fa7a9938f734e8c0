import type { SpecIssue } from '../domain/spec/validate-cluster-spec.js';

/** One line per problem, "path: message", aligned so a long list stays readable. */
export function formatIssues(issues: readonly SpecIssue[]): string {
  const width = Math.min(48, Math.max(...issues.map((issue) => issue.path.length)));
  return issues.map((issue) => `  ${issue.path.padEnd(width)}  ${issue.message}\n`).join('');
}

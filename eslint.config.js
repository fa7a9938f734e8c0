import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The domain and the orchestrations must stay pure (no I/O, no clock, no Azure packages):
// a lint rule guards that boundary so it does not rest on convention alone.
const impureModules = [
  '@azure/*', 'durable-functions', 'cassandra-driver', 'node:fs', 'node:fs/promises', 'fs',
  'node:child_process', 'child_process', 'node:http', 'node:https', 'node:net', 'node:os',
];
/** The outside systems' SDKs: only adapters (and the composition root) may import them. */
const sdkModules = ['@azure/*', 'cassandra-driver', 'durable-functions'];
// The StateStore interface still lives beside its adapter until it moves to domain/ports.
const adapterModules = { regex: '/adapters/', message: 'Activities and the API use the ports in shared/domain/ports.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...impureModules, '**/adapters/**', '**/activities/**', '**/orchestrations/**', '**/contracts/**'] }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'The domain takes the clock as a parameter.' },
        { object: 'Math', property: 'random', message: 'The domain takes ids and randomness as parameters.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'The domain reads no environment.' }],
    },
  },
  {
    files: ['shared/orchestrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...impureModules.filter((m) => m !== 'durable-functions'), '**/adapters/**', '**/activities/**',
        'crypto', 'node:crypto'] }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use context.df.currentUtcDateTime: orchestrators replay.' },
        { object: 'Math', property: 'random', message: 'Use context.df.newGuid: orchestrators replay.' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use context.df.currentUtcDateTime: orchestrators replay.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'Orchestrators read no environment: they replay.' }],
    },
  },
  {
    // Activities and the API see the outside world through the domain's ports only.
    files: ['shared/activities/**/*.ts', 'shared/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: sdkModules }, adapterModules] }],
    },
  },
  {
    // Every HTTP function takes its role from the one access table (HTTP_ACCESS) through registerHttp.
    files: ['functions/**/*.ts'],
    ignores: ['functions/register-http.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...[
        "CallExpression[callee.property.name='http']",
        "CallExpression[callee.object.name='app'][callee.property.name=/^(get|post|put|patch|deleteRequest)$/]",
      ].map((selector) => ({ selector,
        message: 'Register HTTP functions with registerHttp (functions/register-http.ts): it applies the role HTTP_ACCESS gives the name.' }))],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { sourceType: 'module' },
  },
);

// One tool for lint and layout: typescript-eslint (strict, type-aware) plus @stylistic for formatting rules.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';

/** The names under which tests hold an exit code or a status. */
const EXACT = '/^(code|exitCode|status)$/';
const BOUNDS = '/^(toBeGreaterThan|toBeGreaterThanOrEqual|toBeLessThan|toBeLessThanOrEqual)$/';
const EXACT_MESSAGE = 'assert the exact exit code or status (toBe), not a bound or a negation: a wrong value must fail the test';

/** no-restricted-syntax entries for `expect(code).toBeLessThan(2)` and `expect(result.status).not.toBe('fail')`. */
function exactValueRules() {
  const subject = (path) => [`[${path}.name=${EXACT}]`, `[${path}.property.name=${EXACT}]`];
  return [
    ...subject('callee.object.arguments.0').map((held) => ({
      selector: `CallExpression[callee.property.name=${BOUNDS}][callee.object.callee.name='expect']${held}`,
      message: EXACT_MESSAGE,
    })),
    ...subject('callee.object.object.arguments.0').map((held) => ({
      selector: `CallExpression[callee.property.name=/^(toBe|toEqual|toStrictEqual)$/][callee.object.property.name='not'][callee.object.object.callee.name='expect']${held}`,
      message: EXACT_MESSAGE,
    })),
  ];
}

export default tseslint.config(
  // Interop targets' build outputs (venvs, cargo and maven targets, npm installs) are third-party code.
  { ignores: ['dist/', 'node_modules/', 'reports/', '.scratch/', 'coverage/', 'interop/*/.venv/', 'interop/*/target/', 'interop/*/node_modules/', 'interop/*/bin/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  stylistic.configs.customize({ indent: 2, quotes: 'single', semi: true, arrowParens: true, braceStyle: '1tbs' }),
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bench/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', queueMicrotask: 'readonly', performance: 'readonly', AbortController: 'readonly' },
    },
    rules: {
      'no-console': 'error',
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Promise-returning interface methods (Transport.send/close) are async without awaiting by design.
      '@typescript-eslint/require-await': 'off',
      '@stylistic/max-len': ['error', { code: 130, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreComments: true }],
      '@stylistic/operator-linebreak': 'off',
      '@stylistic/multiline-ternary': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
    },
  },
  { files: ['src/cli.ts', 'bench/**', 'scripts/**'], rules: { 'no-console': 'off' } },
  // Vitest's asymmetric matchers (expect.any, expect.stringContaining) are typed any.
  { files: ['test/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unsafe-assignment': 'off' } },
  // An exit code or a verdict status is one known value: a bound or a "not" lets a wrong one through (exit 1 for 0, warn
  // for fail). Where no single value is right (a fuzzed request), say why in an eslint-disable comment.
  { files: ['test/**'], rules: { 'no-restricted-syntax': ['error', ...exactValueRules()] } },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
);

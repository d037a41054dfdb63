// ESLint (typescript-eslint, type-aware where it finds real defects: promises and `any` leaking out).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/demo/cluster/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Kubernetes objects are untyped JSON: an `any` must not flow into typed code unchecked.
    files: ['src/**/*.ts', 'checks/**/*.ts', 'reports/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-return': 'error', '@typescript-eslint/no-unsafe-argument': 'error' },
  },
  // Tests match terminal output byte for byte, control characters included.
  { files: ['test/**/*.ts'], rules: { 'no-control-regex': 'off' } },
  { files: ['**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  // The HTML report's inline script runs in the reader's browser.
  { files: ['reports/html/*.js'], languageOptions: { globals: { document: 'readonly', window: 'readonly', setTimeout: 'readonly' } } },
  prettier,
);

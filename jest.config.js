// Native ESM jest; TypeScript is stripped by swc (tsc runs separately as `npm run typecheck`).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  // Over 200 suites: a worker that has grown past this is replaced between test files, so module
  // registries kept per file cannot add up to the heap limit.
  workerIdleMemoryLimit: '1GB',
};

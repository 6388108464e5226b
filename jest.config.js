/** Unit specs live beside the code (libs/**\/*.spec.ts); end-to-end specs in test/ (*.e2e-spec.ts). */
export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { swcrc: true }] },
  moduleNameMapper: {
    '^@crm/contracts/(.*)$': '<rootDir>/libs/$1/src/contracts/index.ts',
    '^@crm/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  // Each spec file loads the whole application graph again (ESM modules in a fresh VM context): a worker
  // that has grown past this is replaced between files instead of spending its time collecting garbage.
  workerIdleMemoryLimit: '1536MB',
  testTimeout: 60000,
};

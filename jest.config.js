// One jest run for every workspace. ts-jest only transpiles (isolatedModules): `npm test`
// type-checks the whole tree with `tsc -b` first, so type errors still fail the suite.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.jest.json' }];
const moduleNameMapper = {
  '^@maratron/domain$': '<rootDir>/../domain/src/index.ts',
  '^@maratron/domain/(.*)$': '<rootDir>/../domain/src/$1.ts',
  '^@maratron/schema$': '<rootDir>/../schema/src/index.ts',
  '^@maratron/migrations$': '<rootDir>/../migrations/src/index.ts',
  '^@maratron/core$': '<rootDir>/../core/src/index.ts',
  '^@maratron/ai-server$': '<rootDir>/../ai-server/src/index.ts',
};
const project = (name, extra = {}) => ({
  displayName: name,
  rootDir: require('path').join(__dirname, name),
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  ...extra,
});
module.exports = {
  rootDir: __dirname,
  reporters: ['default', '<rootDir>/jest.summary-reporter.js'],
  // Jest reads testTimeout from the root config only: inside a project it is silently ignored
  // and every hook and test falls back to 5 s, which a loaded 2-core machine can exceed while
  // it starts two gateway processes.
  testTimeout: 30000,
  // In CI the run must end when the tests have: a handle a failing test leaves open (a child
  // process, a socket) would otherwise keep Jest alive until CI's own time limit. Locally,
  // Jest's "did not exit" warning shows such a leak instead.
  forceExit: process.env.CI === 'true',
  // On two cores Jest would run every file in its own process, one after another, in one heap:
  // after a hundred files of gateways, sockets and browsers that heap ran out (4 GB). With a
  // memory limit it runs them in a worker instead (still one at a time here), replaced whenever
  // it is left holding more than this after a file.
  workerIdleMemoryLimit: '1GB',
  projects: [
    project('domain'),
    project('gateway', {
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    }),
    project('ai-server', {
      testMatch: ['<rootDir>/test/*.spec.ts'],
      globalSetup: '<rootDir>/../gateway/test/global-setup.ts',
      globalTeardown: '<rootDir>/../gateway/test/global-teardown.ts',
    }),
    // The web client: end-to-end specs in headless Chromium against a real gateway, and the
    // check that the committed typed documents (client/src/gql) are not stale.
    project('client', {
      testMatch: ['<rootDir>/e2e/*.spec.ts', '<rootDir>/test/*.spec.ts'],
      globalSetup: '<rootDir>/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/../gateway/test/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/e2e/setup.ts'],
    }),
  ],
};

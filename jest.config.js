// Five projects, so a developer runs the part that answers in minutes (`npm run test:fast`) before each commit and
// `npm test` runs them all. Times on 2 cores: docs/development.md.
const transform = {
  // Transpile only: `npm test` type-checks the whole project with tsc first.
  '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true }, diagnostics: false }],
};

// The tests that drive Chromium (test/helpers/browser.ts).
const browserTests = [
  '<rootDir>/test/integration/browser-answer.test.ts',
  '<rootDir>/test/integration/staff-dashboard.test.ts',
  '<rootDir>/test/integration/npm-start.test.ts',
];

// Unit tests that take most of a minute of CPU each (3,000-run properties of legal time; bursts of the largest letters
// rendered in the letter pool's threads, from dist/): they run with the integration tests, so that the fast project
// stays under 90 s on 2 cores.
const heavyUnitTests = [
  '<rootDir>/test/unit/legal-time-properties.test.ts',
  '<rootDir>/test/unit/letter-render-pool.test.ts',
];

/** One project's settings: the shared transform and runtime setup, its own name and files. */
function project(name, options) {
  return {
    displayName: name,
    testEnvironment: 'node',
    rootDir: __dirname,
    transform,
    setupFiles: ['<rootDir>/test/setup-runtime.ts'],
    ...options,
  };
}

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    // Unit tests and workflow tests on the time-skipping server: no Go, no browser, no dev server.
    project('fast', {
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/workflows/**/*.test.ts'],
      testPathIgnorePatterns: heavyUnitTests,
    }),
    // The real stack: the Temporal dev server, SMTP, the records database, the worker and web app as processes.
    project('integration', {
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', ...heavyUnitTests],
      testPathIgnorePatterns: browserTests,
    }),
    project('browser', { testMatch: browserTests }),
    // A project's global setup runs only when one of its tests is selected: the Go build waits for a cluster test.
    project('cluster', {
      testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
    }),
    project('bench', { testMatch: ['<rootDir>/test/bench/**/*.test.ts'] }),
  ],
  testTimeout: 120_000,
  // Each file starts its own servers on free ports; two files at a time fit this 2-core machine.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};

// Mutation testing of the pure domain logic (issue #7). Run by hand: `npm run mutate`
// (not part of `npm test`). A subset: `npx stryker run --mutate 'src/domain/scoring/**/*.ts'`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.mjs' },
  mutate: [
    'src/domain/**/*.ts',
    // The seed plans are a transcription of the 2022 seed document (data, not logic); their figures
    // are checked against the document by the seed tests, and mutating literals there only adds noise.
    '!src/domain/seed/**',
  ],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  concurrency: 2,
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  // Copy only what the domain tests need into the sandbox: the app is built and edited while mutants run,
  // and a dist/ or e2e artifact vanishing mid-copy would abort the run.
  ignorePatterns: ['/*', '!/src', '!/tests', '/tests/e2e', '!/package.json', '!/tsconfig.json', '!/stryker.vitest.config.mjs'],
};

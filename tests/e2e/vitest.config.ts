import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('../../src', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A browser on a busy CI machine is slower than on a quiet one: poll for up to 5 s before calling it broken.
    expect: { poll: { timeout: 5_000, interval: 50 } },
    // One browser at a time: the machine has two cores and each test launches its own Chromium.
    fileParallelism: false,
  },
});

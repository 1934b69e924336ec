// Vitest config used only by Stryker (`npm run mutate`): the domain tests alone, in Node.
// The domain is pure logic (no DOM, no IndexedDB), so neither jsdom nor tests/setup.ts is needed,
// and leaving them out keeps every mutant's test run short.
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    environment: 'node',
    include: ['tests/domain/**/*.test.ts'],
  },
});

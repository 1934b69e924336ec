import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    vue(),
    // Offices serve the built app from an intranet machine that is sometimes off: a service worker precaches the app
    // shell so it still opens with the stored data. 'prompt': a new deployment waits until the user chooses to reload,
    // so code is never swapped under someone mid-edit. Registered by the app itself (useAppUpdate), not by an inline
    // script, which the Content-Security-Policy forbids.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: '绩效 · 预算绩效目标管理',
        short_name: '绩效',
        description: '预算绩效目标、运行监控与绩效自评（本地保存）',
        lang: 'zh-CN',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f4f6f9',
        theme_color: '#1d4f91',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        // The export and import libraries too: a closed network may be offline when the year-end forms are due.
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  // Relative base: the built app also works when opened from a sub-path on an intranet server.
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 900 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    environment: 'jsdom',
    setupFiles: ['tests/setup.ts'],
    include: ['tests/**/*.test.ts'],
    // A hang is caught, not speed: on a loaded 2-core CI machine a multi-table IndexedDB test can take several
    // seconds under fake-indexeddb, and a flaky 5 s default says nothing about the app. Speed lives in benchmarks.
    testTimeout: 30_000,
    exclude: ['tests/e2e/**'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});

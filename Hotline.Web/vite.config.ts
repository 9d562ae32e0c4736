import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

const backend = 'http://localhost:5080'

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/hubs': { target: backend, changeOrigin: false, ws: true },
    },
  },
  build: {
    outDir: '../Hotline.Api/wwwroot',
    emptyOutDir: true,
    // Element Plus alone is ~1 MB minified; the app is an intranet tool, so a large vendor chunk is fine.
    chunkSizeWarningLimit: 3000,
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./tests/setup.ts'],
    include: ['tests/**/*.spec.ts'],
    css: false,
    server: { deps: { inline: ['element-plus'] } },
    // Mounted Element Plus forms take 1-2 s alone; on the shared 2-core machine, with the .NET builds of others and
    // several test files in parallel, the default 5 s timed out tests that were not slow by themselves.
    testTimeout: 20_000,
  },
})

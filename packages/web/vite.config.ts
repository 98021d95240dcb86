import { defineConfig } from 'vite';

// The planner is a static app: the engine (@aidc/core, built by tsc first) runs in the page and in a
// worker; the server only saves and shares. `npm run dev` proxies the API to a local aidc-server.
export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  oxc: { jsx: { runtime: 'automatic' } },
});

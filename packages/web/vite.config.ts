import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dist/ on the same port as the API; in `vite dev` the API is proxied.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // contracts has no side effects: its modules the web uses only for types are left out; nor
      // has domain (pure by rule), which contracts' schemas import: without this its server-only
      // parts (node:crypto in ballots) came into a page that used one contracts helper
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/packages/contracts/') && !id.includes('/packages/domain/') },
    },
  },
});

import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The gateway the dev server forwards the API to (`npm start` runs it on 4000). */
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  // The domain package's modules are bundled from their TypeScript sources (they import nothing).
  resolve: { alias: [{ find: /^@maratron\/domain\/(.*)$/, replacement: path.resolve(__dirname, '../domain/src/$1') }] },
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true, changeOrigin: true },
      '/api': { target: gateway, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});

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
    // Two pages: the web client, and the API explorer the gateway serves at GET /graphql.
    rollupOptions: {
      input: { main: path.resolve(__dirname, 'index.html'), graphiql: path.resolve(__dirname, 'graphiql.html') },
      // GraphiQL's modules start with React Compiler's "use no memo", which a bundle drops harmlessly.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
});

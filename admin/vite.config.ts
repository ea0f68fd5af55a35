// The newsroom admin: a React single-page app served by Masthead under /admin/ (see
// src/web/admin-app/admin-app-routes.ts). JSX goes through Vite's own esbuild transform.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/admin/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // The editor chunk (TipTap and ProseMirror, ~150 kB gzipped) loads only with the editor.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      onwarn(warning, warn) {
        // TipTap's "use client" marks React Server Components; meaningless in this SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite --config admin/vite.config.ts` against a running `npm start`.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});

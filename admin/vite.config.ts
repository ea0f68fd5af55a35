// The newsroom admin: a React single-page app served by Masthead under /admin/ (see
// src/web/admin-app/admin-app-routes.ts). JSX goes through Vite's own esbuild transform.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * TipTap's and TanStack Query's bundles start with "use client" (a React Server Components
 * mark, meaningless in this SPA). Rollup warns about the directive and, looking for its place through the sourcemap, prints
 * "Error when using sourcemap for reporting an error". Blanking it with spaces keeps every column
 * where it was, so the existing sourcemap stays right (map: null) and nothing is printed.
 */
const dropUseClient: Plugin = {
  name: 'masthead-drop-use-client',
  transform(code, id) {
    if (!/\/node_modules\/@(tiptap|tanstack)\//.test(id)) return null;
    const blanked = code.replace(/^(['"])use client\1;?/m, (directive) =>
      ' '.repeat(directive.length),
    );
    return blanked === code ? null : { code: blanked, map: null };
  },
};

export default defineConfig({
  root,
  plugins: [dropUseClient],
  base: '/admin/',
  // Pure code shared with the server (tsconfig's `paths` says the same for the compiler).
  resolve: { alias: { '@shared': fileURLToPath(new URL('../src/shared', import.meta.url)) } },
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

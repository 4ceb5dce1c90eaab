/**
 * The operator console: a desktop SPA served by the API server at /console/ (server/console).
 * Built into dist/console; file names carry content hashes, so the server caches them for a year.
 * No React plugin: Vite's own transform handles TSX (automatic runtime from tsconfig) and the
 * console needs no fast refresh in production builds.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = path.dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root: here,
  base: '/console/',
  build: {
    outDir: path.resolve(here, '..', process.env.BUILD_OUTPUT_ROOT || 'dist', 'console'),
    emptyOutDir: true,
    // The first load is measured by bench/console-size.ts; every page is its own chunk.
    chunkSizeWarningLimit: 1500,
    // Which chunks the first load fetches: bench/console-size.ts reads it.
    manifest: true,
    rollupOptions: {
      // antd marks its modules "use client" (for React Server Components); meaningless in a SPA bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
      },
      // `name.<hex hash>.js`: the form server/plugins/static.ts caches for a year (as Taro's H5 names).
      output: {
        hashCharacters: 'hex',
        entryFileNames: 'assets/[name].[hash].js',
        chunkFileNames: 'assets/[name].[hash].js',
        assetFileNames: 'assets/[name].[hash][extname]',
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
})

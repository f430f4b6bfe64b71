/**
 * The single-file script-tag bundle: all three elements with lit, zod/mini and the messages inlined, minified,
 * production lit. The per-module ESM build comes from tsc (tsconfig.build.json); see scripts/build.mjs.
 * `ENTRY=src/define/otp-link.ts vite build` bundles another entry the same way (used to measure each entry).
 */
import { defineConfig } from 'vite';

export default defineConfig(() => {
  const entry = process.env.ENTRY ?? 'src/script-tag.ts';
  const fileName = process.env.OUT_FILE ?? 'wallet-elements.min.js';
  return {
    publicDir: false,
    build: {
      target: 'es2022',
      outDir: process.env.OUT_DIR ?? 'dist/cdn',
      emptyOutDir: false,
      sourcemap: true,
      minify: true,
      reportCompressedSize: false,
      lib: {
        entry,
        name: 'WalletElements',
        formats: ['iife'],
        fileName: () => fileName,
      },
    },
  };
});

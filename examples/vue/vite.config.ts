/**
 * Builds the example as a merchant would, with one difference: `wallet-elements` is not installed from npm but
 * resolved by its name through the repository's own package.json `exports` (a package may import itself by name,
 * and this example sits inside the package's folder without a package.json of its own). So this exercises the
 * published entry points in dist/ (run `npm run build` at the root first), never the sources.
 * `isCustomElement` tells Vue's template compiler the three tags are custom elements, not Vue components to resolve.
 */
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('wallet-') || tag === 'otp-link' } } })],
  build: { target: 'es2022' },
});

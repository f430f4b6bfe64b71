// custom-elements-manifest.config.mjs: read by `cem analyze` in scripts/build.mjs. The analyzer only sees
// `customElements.define(...)`; our tags are registered through `define("tag", Class)` in src/components/<tag>/define.ts, so read them there.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const tags = new Map(
  readdirSync('src/components').flatMap((folder) => {
    const module = `src/components/${folder}/define.ts`;
    if (!existsSync(module)) return [];
    const match = /\bdefine\(\s*'([a-z-]+)',\s*(\w+)\s*\)/.exec(readFileSync(module, 'utf8'));
    return match ? [[match[2], { tag: match[1], module }]] : [];
  }),
);

export default {
  // The element classes and the base class they inherit attributes and events from.
  globs: [
    'src/components/{wallet-pay,wallet-picker,otp-link}/{wallet-pay,wallet-picker,otp-link}.ts',
    'src/components/shared/wallet-element.ts',
  ],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'wallet-elements-tags',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.kind !== 'class') continue;
            // `this.dispatchEvent(new WalletErrorEvent(...))` in the base class yields a nameless event entry.
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
            const found = tags.get(declaration.name);
            if (!found) continue;
            declaration.tagName = found.tag;
            declaration.customElement = true;
            customElementsManifest.modules.push({
              kind: 'javascript-module',
              path: found.module,
              declarations: [],
              exports: [{ kind: 'custom-element-definition', name: found.tag, declaration: { name: declaration.name, module: mod.path } }],
            });
          }
        }
      },
    },
  ],
};

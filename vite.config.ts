/**
 * The single-file script-tag bundle: all three elements with lit, zod/mini and the messages inlined, minified,
 * production lit. The per-module ESM build comes from tsc (tsconfig.build.json); see scripts/build.mjs.
 * `ENTRY=src/components/otp-link/define.ts vite build` bundles another entry the same way (used to measure each entry).
 */
import { transform as transformCss } from 'lightningcss';
import { parseSync, Visitor } from 'rolldown/utils';
import { defineConfig, type Plugin } from 'vite';

/**
 * Minifies the static text of a lit `html`/`svg` template (one piece between bindings; `first`/`last`: it opens or
 * closes the template). Only whitespace that cannot render goes: a run with a line break becomes one space (what
 * HTML collapses it to anyway), or nothing between two tags, between a tag and a binding, and at the edges of a
 * template. Same-line spaces (`</strong> ${text}`) are kept. Quotes go from attribute values made only of
 * letters, digits, `-` and `_` when a space or `>` follows (never before `/>`, which would join the value).
 */
export function minifyMarkup(raw: string, first: boolean, last: boolean): string {
  let text = raw;
  if (first) text = text.replace(/^\s*\n\s*/, '');
  if (last) text = text.replace(/\s*\n\s*$/, '');
  return text
    .replace(/>\s*\n\s*</g, '><')
    .replace(/>\s*\n\s*$/, '>')
    .replace(/^\s*\n\s*</, '<')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/(\s[\w:-]+)="([\w-]+)"(?=[\s>])/g, '$1=$2');
}

/**
 * Minifies the static text of lit's `css` and `html`/`svg` template literals in our own sources: the JS minifier
 * keeps template text verbatim, indentation included. CSS goes through lightningcss (no `${}` in our styles, so
 * every `css` literal is one complete stylesheet); markup through `minifyMarkup`.
 */
export function minifyLitLiterals(): Plugin {
  return {
    name: 'minify-lit-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css|svg)`/.test(code)) return null;
      const edits: { start: number; end: number; text: string }[] = [];
      new Visitor({
        TaggedTemplateExpression(node) {
          const tag = node.tag.type === 'Identifier' ? node.tag.name : '';
          if (tag !== 'html' && tag !== 'css' && tag !== 'svg') return;
          const quasis = node.quasi.quasis;
          quasis.forEach((quasi, index) => {
            // oxc's span covers the delimiters: the opening backtick or `}` before, `${` or the backtick after.
            const start = quasi.start + 1;
            const raw = quasi.value.raw;
            if (code.slice(start, start + raw.length) !== raw) throw new Error(`${id}: template offsets do not match`);
            let text: string;
            if (tag === 'css') {
              if (quasis.length !== 1) throw new Error(`${id}: css literals with \${} are not minified`);
              text = transformCss({ filename: id, code: Buffer.from(raw), minify: true }).code.toString();
            } else {
              text = minifyMarkup(raw, index === 0, index === quasis.length - 1);
            }
            if (text !== raw) edits.push({ start, end: start + raw.length, text });
          });
        },
      }).visit(parseSync(id, code, { lang: 'ts' }).program);
      if (edits.length === 0) return null;
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      return { code: out, map: null };
    },
  };
}

export default defineConfig(() => {
  const entry = process.env.ENTRY ?? 'src/script-tag.ts';
  const fileName = process.env.OUT_FILE ?? 'wallet-elements.min.js';
  return {
    publicDir: false,
    plugins: [minifyLitLiterals()],
    // The contract's JSON Schema annotations serve docs/contract.md only (see src/contract.ts).
    define: { __CONTRACT_DOCS__: 'false' },
    build: {
      target: 'es2022',
      outDir: process.env.OUT_DIR ?? 'dist/cdn',
      emptyOutDir: false,
      // The map is written beside the bundle but not referenced from it: package.json's `files` leaves maps out of
      // the published package, so a sourceMappingURL comment would point CDN users at a 404 (and costs bytes).
      sourcemap: 'hidden',
      minify: true,
      reportCompressedSize: false,
      // No Symbol.toStringTag on window.WalletElements: nothing reads it, and bytes count (22 KB min+gzip budget).
      rolldownOptions: { output: { generatedCode: { symbols: false } } },
      lib: {
        entry,
        name: 'WalletElements',
        formats: ['iife'],
        fileName: () => fileName,
      },
    },
  };
});

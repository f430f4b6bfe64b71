/**
 * Lit's `@property` and `@state` in their legacy (experimentalDecorators) form, the only one this codebase compiles
 * to (tsc, Vite and the test runner's esbuild all use tsconfig.json's legacy decorators). `lit/decorators.js` also
 * carries the standard-decorator path, about 0.4 KB min+gzip of the 20 KB script-tag budget that this build never
 * runs. Same options and behaviour as lit's for class fields (what we decorate; not accessors).
 */
import type { PropertyDeclaration, ReactiveElement } from 'lit';

/** A reactive property: `createProperty` on the class, as lit's legacy decorator does. */
export const property =
  (options?: PropertyDeclaration) =>
  (proto: ReactiveElement, name: string): void =>
    (proto.constructor as typeof ReactiveElement).createProperty(name, options);

/** Internal reactive state: re-renders on change, no attribute. */
export const state = (): ReturnType<typeof property> => property({ state: true });

/**
 * The React and Vue typings (`wallet-elements/react`, `wallet-elements/vue`, built into dist/) against
 * custom-elements.json, which is generated from the element classes: for each tag, the props each framework is told
 * about are exactly the manifest's attributes (plus its public properties that have no attribute, such as
 * `<wallet-picker>`'s `checkout`), and the events are exactly the manifest's, each typed with the event class the
 * manifest names. So renaming an attribute or an event in one place only (an element, src/framework-types.ts, or one
 * framework's typings) fails here.
 *
 * The typings are read as a merchant's compiler reads them: a probe module imports both subpaths by package name, and
 * TypeScript's checker (the 5.x compiler API, which vue-tsc uses too; the project's own `typescript` 7 has none)
 * lists what each tag adds to the props every host element already has.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuilt } from '../helpers/dist.js';
import { probeProgram, type ts } from '../helpers/typescript.js';

const root = new URL('../..', import.meta.url).pathname;
const TAGS = ['otp-link', 'wallet-pay', 'wallet-picker'];

/** What a tag offers a framework: prop names, and each event's name with its class. */
interface Api {
  props: string[];
  events: Record<string, string>;
}

interface Declaration {
  kind: string;
  tagName?: string;
  attributes?: Array<{ name: string }>;
  members?: Array<{ kind: string; name: string; privacy?: string; static?: boolean; readonly?: boolean; attribute?: string }>;
  events?: Array<{ name: string; type?: { text: string } }>;
}

/** Every tag in custom-elements.json, with its attributes, property-only fields and typed events. */
function readManifest(): Map<string, { attributes: string[]; properties: string[]; events: Record<string, string> }> {
  const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8'));
  const declarations: Declaration[] = manifest.modules.flatMap((module: { declarations?: Declaration[] }) => module.declarations ?? []);
  return new Map(
    declarations
      .filter((declaration) => declaration.tagName)
      .map((declaration) => [
        declaration.tagName!,
        {
          attributes: (declaration.attributes ?? []).map((attribute) => attribute.name),
          properties: (declaration.members ?? [])
            .filter((m) => m.kind === 'field' && m.privacy === 'public' && !m.static && !m.readonly && !m.attribute)
            .map((m) => m.name),
          events: Object.fromEntries((declaration.events ?? []).map((event) => [event.name, event.type?.text ?? '(no type)'])),
        },
      ]),
  );
}

/** Vue looks a template's `:checkout-token` up as `checkoutToken`. */
const camelize = (name: string) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/** For each tag, what it adds in React's JSX and in Vue's GlobalComponents; `problems` are the probe's type errors. */
function readTypings(tags: string[]): { react: Map<string, Api>; vue: Map<string, Api>; problems: string[] } {
  const probePath = join(root, 'test/node/framework-types.probe.ts');
  const probe = `
    import type { ClassAttributes, HTMLAttributes, JSX } from 'react';
    import type { GlobalComponents, HTMLAttributes as VueHTMLAttributes, PublicProps } from 'vue';
    import type {} from 'wallet-elements/react';
    import type {} from 'wallet-elements/vue';

    type Tag = ${tags.map((tag) => `'${tag}'`).join(' | ')};
    type ReactHost = ClassAttributes<HTMLElement> & HTMLAttributes<HTMLElement>;
    type VueInstance<T extends Tag> = InstanceType<GlobalComponents[T]>;
    export type ReactApi = { [T in Tag]: Omit<JSX.IntrinsicElements[T], keyof ReactHost> };
    export type VueApi = { [T in Tag]: Omit<VueInstance<T>['$props'], keyof (VueHTMLAttributes & PublicProps)> };
    export type VueEmit = { [T in Tag]: VueInstance<T>['$emit'] };
  `;
  // The probe lives in memory, at a path inside the package so `wallet-elements` resolves to dist/ by name.
  const { checker, probe: probeFile, problems } = probeProgram(probePath, probe, { everywhere: true });

  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(probeFile)!);
  /** The type of `Alias[tag]`, e.g. what `<wallet-pay>` adds to React's host props. */
  const member = (alias: string, tag: string) => {
    const symbol = exported.find((s) => s.name === alias)!;
    return checker.getTypeOfSymbol(checker.getDeclaredTypeOfSymbol(symbol).getProperty(tag)!);
  };
  /** The class name of a signature's parameter at `index` (of its first element, for a rest parameter). */
  const parameterClass = (signature: ts.Signature, index: number) => {
    const type = checker.getTypeOfSymbol(signature.parameters[index]!);
    return checker.typeToString(checker.isTupleType(type) ? checker.getTypeArguments(type as ts.TypeReference)[0]! : type);
  };

  const react = new Map<string, Api>();
  const vue = new Map<string, Api>();
  for (const tag of tags) {
    // React 19: a prop `on<event-name>` is the listener of that event; every other prop is an attribute or property.
    const reactApi: Api = { props: [], events: {} };
    for (const prop of member('ReactApi', tag).getProperties()) {
      const handler = checker.getNonNullableType(checker.getTypeOfSymbol(prop)).getCallSignatures()[0];
      if (prop.name.startsWith('on') && handler) reactApi.events[prop.name.slice(2)] = parameterClass(handler, 0);
      else reactApi.props.push(prop.name);
    }
    react.set(tag, reactApi);

    // Vue: props from `$props`, events from the overloads of `$emit` (`(event: 'wallet-charged', e: E) => void`).
    const vueApi: Api = {
      props: member('VueApi', tag)
        .getProperties()
        .map((prop) => prop.name),
      events: {},
    };
    for (const signature of member('VueEmit', tag).getCallSignatures()) {
      const name = checker.getTypeOfSymbol(signature.parameters[0]!);
      vueApi.events[name.isStringLiteral() ? name.value : checker.typeToString(name)] = parameterClass(signature, 1);
    }
    vue.set(tag, vueApi);
  }
  return { react, vue, problems };
}

const sorted = (api: Api): Api => ({ props: [...api.props].sort(), events: Object.fromEntries(Object.entries(api.events).sort()) });

describe('framework typings', () => {
  let manifest: ReturnType<typeof readManifest>;
  let typings: ReturnType<typeof readTypings>;

  before(() => {
    // Fails (every test of the suite with it) when the build is missing: `npm test` builds first.
    requireBuilt(['dist/custom-elements.json', 'dist/react.d.ts', 'dist/vue.d.ts']);
    manifest = readManifest();
    typings = readTypings([...manifest.keys()]);
  });

  test('the manifest lists the three tags, and both typings compile for each', () => {
    assert.deepEqual([...manifest.keys()].sort(), TAGS);
    assert.deepEqual(typings.problems, []);
  });

  for (const tag of TAGS) {
    test(`<${tag}>: the React props and events are the manifest's`, () => {
      const expected = manifest.get(tag)!;
      const want: Api = { props: [...expected.attributes, ...expected.properties], events: expected.events };
      assert.deepEqual(sorted(typings.react.get(tag)!), sorted(want));
    });

    test(`<${tag}>: the Vue props and events are the manifest's`, () => {
      const expected = manifest.get(tag)!;
      const want: Api = { props: [...expected.attributes.map(camelize), ...expected.properties], events: expected.events };
      assert.deepEqual(sorted(typings.vue.get(tag)!), sorted(want));
    });
  }
});

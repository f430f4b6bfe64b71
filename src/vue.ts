/**
 * Template typings of the three elements for Vue 3 (`wallet-elements/vue`, types only: nothing runs).
 *
 * ```vue
 * <script setup lang="ts">
 * import 'wallet-elements';                     // registers the elements
 * import type {} from 'wallet-elements/vue';    // adds them to Vue's GlobalComponents
 * </script>
 * <template>
 *   <wallet-pay endpoint="/api/wallet" :checkout-token="token"
 *     @wallet-charged="(event) => { event.preventDefault(); router.push(`/thanks/${event.detail.orderId}`); }" />
 * </template>
 * ```
 *
 * Vue must also be told the tags are custom elements, not components to resolve:
 * `vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('wallet-') || tag === 'otp-link' } } })`.
 *
 * Why the types look the way they do (Vue's guide, "Non-Vue Web Components and TypeScript"): vue-tsc types a
 * template tag found in `GlobalComponents` from its instance's `$props` (attributes) and `$emit` (events), so each tag
 * is a constructor of its element class plus those two. They exist only for the type checker: a template ref to the
 * element has neither. At run time Vue sets `checkout-token` as an attribute (the element has no property of that
 * name), assigns `checkout` as a property, and turns `@wallet-charged` into `addEventListener('wallet-charged', …)`.
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { WalletElementTag, WalletElementTags } from './framework-types.js';

/** `checkout-token` -> `checkoutToken`: vue-tsc looks a template's `:checkout-token` up by its camelCase name. */
export type Camelize<Name extends string> = Name extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camelize<Tail>>}` : Name;

/** An element's attributes as Vue props, by their camelCase names. */
export type VueProps<Attributes> = { [Name in keyof Attributes as Camelize<Name & string>]: Attributes[Name] };

/** `{ 'wallet-charged': E }` -> the `$emit` vue-tsc reads `@wallet-charged="(event: E) => …"` from. */
export type VueEmit<Events> = EmitFn<{ [Name in keyof Events]: (event: Events[Name]) => void }>;

/** A tag as vue-tsc sees it: its element, with the props and events templates may use. */
export type WalletVueElement<Tag extends WalletElementTag> = new () => WalletElementTags[Tag]['element'] & {
  /** @deprecated Template type checking only: the element has no `$props`. */
  $props: HTMLAttributes & VueProps<WalletElementTags[Tag]['attributes']> & WalletElementTags[Tag]['properties'] & PublicProps;
  /** @deprecated Template type checking only: the element has no `$emit`; listen with `@wallet-…` in a template. */
  $emit: VueEmit<WalletElementTags[Tag]['events']>;
};

/** The `GlobalComponents` entry of every tag. */
export type WalletGlobalComponents = { [Tag in WalletElementTag]: WalletVueElement<Tag> };

declare module 'vue' {
  interface GlobalComponents extends WalletGlobalComponents {}
}

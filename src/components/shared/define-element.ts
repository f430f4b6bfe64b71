/**
 * Idempotent registration with an overridable tag: a page that loads the widget twice (script tag beside the ESM
 * build, or two bundles) keeps working instead of throwing "already defined".
 */
export function define(tag: string, element: CustomElementConstructor, registry: CustomElementRegistry = customElements): void {
  // A constructor can back only one tag per registry; a custom tag gets its own subclass.
  if (!registry.get(tag)) registry.define(tag, registry.getName?.(element) ? class extends (element as typeof HTMLElement) {} : element);
}

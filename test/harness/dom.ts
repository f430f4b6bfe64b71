/**
 * Finding things in the browser as a shopper (or a screen reader) does: by ROLE and ACCESSIBLE NAME, through open
 * shadow roots, never by `part` or class. The same queries Playwright's `getByRole` / `getByLabel` answer in the
 * end-to-end tests, so both harnesses drive the elements with one vocabulary.
 *
 * The role and name rules are the parts of WAI-ARIA / accname the elements use: an explicit `role`, the implicit
 * roles of native controls, and names from `aria-labelledby`, `aria-label`, `<label>`, `<legend>` or the content.
 * A string name matches exactly (whitespace collapsed), a RegExp matches as a pattern.
 */

export { waitFor } from './wait.js';

export type Name = string | RegExp;

export interface RoleQuery {
  /** The accessible name, exact when a string. */
  name?: Name;
  /** Look inside nested elements' shadow roots too (default true, as Playwright does). */
  deep?: boolean;
  /** Include elements hidden from the accessibility tree (default false). */
  hidden?: boolean;
}

/** Collapses whitespace, as accessible names and descriptions are compared. */
export const normalize = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

const matches = (actual: string, name: Name) => (typeof name === 'string' ? actual === normalize(name) : name.test(actual));

const IMPLICIT: Record<string, (el: Element) => string | null> = {
  BUTTON: () => 'button',
  A: (el) => (el.hasAttribute('href') ? 'link' : null),
  FIELDSET: () => 'group',
  FORM: () => 'form',
  H1: () => 'heading',
  H2: () => 'heading',
  H3: () => 'heading',
  H4: () => 'heading',
  H5: () => 'heading',
  H6: () => 'heading',
  IMG: () => 'img',
  LI: () => 'listitem',
  OL: () => 'list',
  UL: () => 'list',
  OUTPUT: () => 'status',
  SELECT: () => 'combobox',
  TEXTAREA: () => 'textbox',
  INPUT: (el) => {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
    if (type === 'radio' || type === 'checkbox') return type;
    if (type === 'number') return 'spinbutton';
    if (type === 'range') return 'slider';
    if (type === 'hidden') return null;
    return 'textbox';
  },
};

/** The element's role: its `role` attribute (first token), else the implicit role of the native element. */
export function roleOf(el: Element): string | null {
  const explicit = el.getAttribute('role')?.trim().split(/\s+/)[0];
  if (explicit) return explicit;
  return IMPLICIT[el.tagName]?.(el) ?? null;
}

/** The parent, crossing from a shadow root to its host. */
const up = (node: Node): Node | null => (node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode);

/** Hidden from the accessibility tree: `hidden`, `aria-hidden="true"`, `display: none` or `visibility: hidden`. */
export function isHidden(el: Element): boolean {
  for (let node: Node | null = el; node; node = up(node)) {
    if (!(node instanceof Element)) continue;
    if ((node as HTMLElement).hidden || node.getAttribute('aria-hidden') === 'true') return true;
    const style = getComputedStyle(node);
    if (style.display === 'none') return true;
    if (node === el && style.visibility === 'hidden') return true;
  }
  return false;
}

/** Text of a subtree as a name from content: skips hidden children, uses a child's own label when it has one. */
function textOf(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element)) return '';
  if (node.getAttribute('aria-hidden') === 'true' || (node as HTMLElement).hidden) return '';
  if (node instanceof HTMLElement && ['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName)) return '';
  const label = node.getAttribute('aria-label');
  if (label?.trim()) return ` ${label} `;
  // A control inside a name contributes nothing here (the elements never nest a text field in a label or button).
  if (node instanceof HTMLInputElement) return '';
  let text = '';
  for (const child of node.childNodes) text += textOf(child);
  // Block-level elements separate words, as a screen reader pauses between them.
  return getComputedStyle(node).display === 'inline' ? text : ` ${text} `;
}

/** The texts of the elements an id list names (missing ids skipped), as aria-labelledby / -describedby read them. */
function byIds(el: Element, ids: string): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  return normalize(
    ids
      .split(/\s+/)
      .map((id) => root.getElementById(id))
      .filter((target): target is HTMLElement => target !== null)
      .map((target) => textOf(target))
      .join(' '),
  );
}

const NAME_FROM_CONTENT = new Set(['button', 'link', 'heading', 'radio', 'checkbox', 'tab', 'option', 'menuitem', 'cell', 'switch']);

/** The accessible name (accname, in the cases the elements use). */
export function accessibleName(el: Element): string {
  const labelledby = el.getAttribute('aria-labelledby');
  if (labelledby) {
    const text = byIds(el, labelledby);
    if (text) return text;
  }
  const label = normalize(el.getAttribute('aria-label'));
  if (label) return label;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
    if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) return normalize(el.value);
    const labels = [...(el.labels ?? [])].map((l) => textOf(l)).join(' ');
    if (normalize(labels)) return normalize(labels);
  }
  if (el instanceof HTMLFieldSetElement) {
    const legend = [...el.children].find((child) => child.tagName === 'LEGEND');
    if (legend) return normalize(textOf(legend));
  }
  if (el instanceof HTMLImageElement) return normalize(el.alt);
  const role = roleOf(el);
  if (role && NAME_FROM_CONTENT.has(role)) {
    const text = normalize(textOf(el));
    if (text) return text;
  }
  return normalize(el.getAttribute('title'));
}

/** The accessible description: the texts `aria-describedby` names (ids not rendered at the moment are skipped). */
export function accessibleDescription(el: Element): string {
  const ids = el.getAttribute('aria-describedby');
  return ids ? byIds(el, ids) : '';
}

/** Every element under `root` (in document order, through open shadow roots when `deep`). */
function* walk(root: ParentNode, deep: boolean): Generator<Element> {
  for (const child of root.children) {
    yield child;
    if (deep && child.shadowRoot) yield* walk(child.shadowRoot, deep);
    yield* walk(child, deep);
  }
}

/** The search root of a host element: its shadow root (the element's insides), else the element itself. */
const scope = (root: ParentNode): ParentNode => (root instanceof Element && root.shadowRoot ? root.shadowRoot : root);

/** All elements with `role` (and `name`) under `root`, in document order. */
export function queryAllByRole<T extends HTMLElement = HTMLElement>(root: ParentNode, role: string, query: RoleQuery = {}): T[] {
  const found: T[] = [];
  for (const el of walk(scope(root), query.deep ?? true)) {
    if (roleOf(el) !== role) continue;
    if (!query.hidden && isHidden(el)) continue;
    if (query.name !== undefined && !matches(accessibleName(el), query.name)) continue;
    found.push(el as T);
  }
  return found;
}

const describe = (role: string, query: RoleQuery) => `${role}${query.name === undefined ? '' : ` named ${String(query.name)}`}`;

/** The one element with `role` (and `name`), or null; more than one is an error (an ambiguous query). */
export function queryByRole<T extends HTMLElement = HTMLElement>(root: ParentNode, role: string, query: RoleQuery = {}): T | null {
  const found = queryAllByRole<T>(root, role, query);
  if (found.length > 1) {
    throw new Error(`${found.length} elements are a ${describe(role, query)}: ${found.map((el) => `"${accessibleName(el)}"`).join(', ')}`);
  }
  return found[0] ?? null;
}

/** The one element with `role` (and `name`); throws, listing what there is, when there is none. */
export function getByRole<T extends HTMLElement = HTMLElement>(root: ParentNode, role: string, query: RoleQuery = {}): T {
  const el = queryByRole<T>(root, role, query);
  if (el) return el;
  const present = queryAllByRole(root, role, { ...query, name: undefined }).map((other) => `"${accessibleName(other)}"`);
  throw new Error(`no ${describe(role, query)}${present.length ? ` (there are: ${present.join(', ')})` : ''}`);
}

/** The one form control labelled `name` (by <label>, aria-label or aria-labelledby). */
export function queryByLabel<T extends HTMLElement = HTMLElement>(root: ParentNode, name: Name, deep = true): T | null {
  const found = [...walk(scope(root), deep)].filter(
    (el) => /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) && !isHidden(el) && matches(accessibleName(el), name),
  );
  if (found.length > 1) throw new Error(`${found.length} controls are labelled ${String(name)}`);
  return (found[0] as T | undefined) ?? null;
}

/**
 * An element as a screen reader names it, `role "name"` (e.g. `button "Pay IDR 150,000"`), or null for none. For
 * assertions: compare these, never elements themselves, since a failing chai assertion on a DOM node makes the test
 * runner serialize the node, which hangs the page instead of reporting the failure.
 */
export function aria(el: Element | null | undefined): string | null {
  if (!el) return null;
  return `${roleOf(el) ?? el.localName} "${accessibleName(el)}"`;
}

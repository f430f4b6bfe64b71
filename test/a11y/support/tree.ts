/**
 * The accessible tree of an element, as a screen reader meets it: every node with a role worth announcing (its
 * role, accessible name, states and description) and the text read in between, one line each, indented by depth.
 * Computed in the page from the DOM (through open shadow roots) with the harness's role and name rules, so Chromium
 * and Firefox give the same lines, unlike their native accessibility dumps.
 *
 *   region "Pay with an e-wallet"
 *     paragraph: "Choose an e-wallet."
 *     radiogroup "Choose a wallet"
 *       radio "GoPay" [not checked] (description: "Balance IDR 1,000,000 updated <age>")
 *       text: "GoPay Balance IDR 1,000,000 updated <age>"
 *     button "Pay IDR 150,000" [disabled]
 *     status [polite]: "Choose an e-wallet."
 *
 * Texts that move with the clock (a balance's age, the resend countdown) are masked so a snapshot holds.
 */
import { accessibleDescription, accessibleName, normalize, roleOf } from '../../harness/index.js';

/** Roles a screen reader names as it moves through the content (others are transparent: their text is read). */
const ANNOUNCED = new Set([
  'region',
  'form',
  'group',
  'radiogroup',
  'heading',
  'paragraph',
  'status',
  'alert',
  'log',
  'button',
  'link',
  'radio',
  'checkbox',
  'textbox',
  'spinbutton',
  'combobox',
  'img',
  'list',
  'listitem',
]);

/** Roles whose content IS their name (or that hold no content): their insides are not read again. */
const LEAVES = new Set(['button', 'link', 'radio', 'checkbox', 'textbox', 'spinbutton', 'combobox', 'img']);

/** Roles that are only landmarks when they have a name. */
const NAMED_ONLY = new Set(['region', 'form']);

const BREAK = Symbol('block');
type Item = Node_ | string | typeof BREAK;
interface Node_ {
  role: string;
  name: string;
  states: string[];
  description: string;
  children: Item[];
}

/** The role as the tree shows it: the harness's, plus <p> (paragraph) and <section> (region). */
export function role(el: Element): string | null {
  const explicit = roleOf(el);
  if (explicit) return explicit;
  if (el.tagName === 'P') return 'paragraph';
  if (el.tagName === 'SECTION') return 'region';
  return null;
}

function hiddenHere(el: Element): boolean {
  if ((el as HTMLElement).hidden || el.getAttribute('aria-hidden') === 'true') return true;
  const style = getComputedStyle(el);
  return style.display === 'none' || style.visibility === 'hidden';
}

function states(el: Element, r: string): string[] {
  const out: string[] = [];
  if (r === 'heading') out.push(`level ${el.getAttribute('aria-level') ?? el.tagName.slice(1)}`);
  if (r === 'status' || r === 'alert' || r === 'log' || el.hasAttribute('aria-live')) {
    out.push(el.getAttribute('aria-live') ?? (r === 'alert' ? 'assertive' : 'polite'));
  }
  if (r === 'radio' || r === 'checkbox') out.push((el as HTMLInputElement).checked ? 'checked' : 'not checked');
  if (el.matches(':disabled') || el.getAttribute('aria-disabled') === 'true') out.push('disabled');
  if ((el as HTMLInputElement).readOnly || el.getAttribute('aria-readonly') === 'true') out.push('readonly');
  if ((el as HTMLInputElement).required || el.getAttribute('aria-required') === 'true') out.push('required');
  if (el.getAttribute('aria-invalid') === 'true') out.push('invalid');
  for (const attribute of ['aria-expanded', 'aria-pressed', 'aria-current']) {
    const value = el.getAttribute(attribute);
    if (value !== null) out.push(`${attribute.slice(5)}=${value}`);
  }
  if (r === 'textbox') {
    for (const attribute of ['autocomplete', 'inputmode']) {
      const value = el.getAttribute(attribute);
      if (value) out.push(`${attribute}=${value}`);
    }
  }
  return out;
}

/** The children a node shows: a host's shadow root, a slot's assigned nodes, else its own children. */
function childrenOf(node: Node): Node[] {
  if (node instanceof Element && node.shadowRoot) return [...node.shadowRoot.childNodes];
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedNodes({ flatten: true });
    return assigned.length ? assigned : [...node.childNodes];
  }
  return [...node.childNodes];
}

function build(node: Node, out: Item[]): void {
  if (node.nodeType === Node.TEXT_NODE) {
    if (node.textContent?.trim()) out.push(node.textContent);
    return;
  }
  if (!(node instanceof Element) || ['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName) || hiddenHere(node)) return;
  const r = role(node);
  if (r && ANNOUNCED.has(r)) {
    const name = accessibleName(node);
    if (!(NAMED_ONLY.has(r) && !name)) {
      const item: Node_ = { role: r, name, states: states(node, r), description: accessibleDescription(node), children: [] };
      if (!LEAVES.has(r)) for (const child of childrenOf(node)) build(child, item.children);
      out.push(item);
      return;
    }
  }
  const block = getComputedStyle(node).display !== 'inline';
  if (block) out.push(BREAK);
  for (const child of childrenOf(node)) build(child, out);
  if (block) out.push(BREAK);
}

/** Texts that change with the clock, masked (a balance's age, the resend countdown), in English and Indonesian. */
export function mask(line: string): string {
  return line
    .replace(/\b(updated|diperbarui) (now|sekarang|\d+ \S+ (ago|yang lalu)|yesterday|kemarin)/g, '$1 <age>')
    .replace(/\b(Resend code in) \d+ s\b/g, '$1 <n> s')
    .replace(/\b(Kirim ulang kode dalam) \d+ detik\b/g, '$1 <n> detik');
}

function render(items: Item[], depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  let text = '';
  const flush = () => {
    const line = normalize(text);
    if (line) lines.push(`${indent}text: "${line}"`);
    text = '';
  };
  for (const item of items) {
    if (item === BREAK) flush();
    else if (typeof item === 'string') text += item;
    else {
      flush();
      let line = `${indent}${item.role}${item.name ? ` "${item.name}"` : ''}${item.states.length ? ` [${item.states.join(', ')}]` : ''}`;
      if (item.description) line += ` (description: "${item.description}")`;
      // A node holding only text reads it on its own line ("paragraph: …"), unless the text is its name already.
      const onlyText = item.children.every((child) => child === BREAK || typeof child === 'string');
      if (onlyText) {
        const content = normalize(item.children.filter((child): child is string => typeof child === 'string').join(' '));
        if (content !== item.name && (content || !LEAVES.has(item.role))) line += `: "${content}"`;
        lines.push(line);
      } else {
        lines.push(line);
        render(item.children, depth + 1, lines);
      }
    }
  }
  flush();
}

/** The language a screen reader reads `el` in: the nearest `lang` up the tree, through shadow hosts (3.1.2). */
export function languageOf(el: Element): string {
  for (let node: Element | null = el; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) {
    const lang = node.getAttribute('lang');
    if (lang !== null) return lang || '(unknown)';
  }
  return '(none)';
}

/**
 * The accessible tree inside `host` (its shadow root and every element nested in it), one line per node, after a
 * first line with the language its content is read in.
 */
export function accessibleTree(host: Element): string[] {
  const items: Item[] = [];
  for (const child of childrenOf(host)) build(child, items);
  const first = host.shadowRoot?.firstElementChild ?? host;
  const lines: string[] = [`language: ${languageOf(first)}`];
  render(items, 0, lines);
  return lines.map((line) => mask(line.replace(/\u00a0|\u202f/g, ' ')));
}

/** A line diff of two trees (LCS): `-` expected only, `+` actual only, two spaces both. */
export function diffLines(expected: readonly string[], actual: readonly string[]): string {
  const m = expected.length;
  const n = actual.length;
  const lcs: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      lcs[i]![j] = expected[i] === actual[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && expected[i] === actual[j]) {
      out.push(`  ${expected[i++]}`);
      j++;
    } else if (j < n && (i === m || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push(`+ ${actual[j++]}`);
    else out.push(`- ${expected[i++]}`);
  }
  return out.join('\n');
}

/**
 * Layout checks axe cannot make, measured in the page through open shadow roots: reflow (nothing wider than the
 * viewport, nothing clipped, nothing overlapping), text spacing, target size, and where the focused control is.
 * Each check answers a list of problems, each naming the piece by role and name (or tag and text), empty when it
 * holds, so a failure says what broke.
 */
import { accessibleName, normalize } from '../../harness/index.js';
import { role as roleOf } from './tree.js';

/** Every element inside `host`, through the shadow roots of the elements nested in it (document order). */
export function* composed(host: Element): Generator<Element> {
  const root: ParentNode = host.shadowRoot ?? host;
  for (const child of root.children) {
    yield child;
    yield* composed(child);
  }
}

/** The visually hidden live regions (1 px, clipped on purpose): read by screen readers, never drawn. */
function visuallyHidden(el: Element): boolean {
  const style = getComputedStyle(el);
  return style.clip !== 'auto' && style.clip !== '' && style.position === 'absolute';
}

/** Drawn: laid out with a size, not hidden, not inside a visually hidden region. */
function drawn(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) {
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden' || visuallyHidden(node)) return false;
  }
  const rect = el.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0;
}

/** "button "Pay IDR 150,000"", or "p "Choose an e-wallet."": how a problem names a piece. */
export function describe(el: Element): string {
  const role = roleOf(el) ?? el.localName;
  const name = accessibleName(el) || normalize(el.textContent).slice(0, 40);
  return name ? `${role} "${name}"` : role;
}

const CONTROL = 'button, input:not([type=hidden]), select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/** The interactive controls inside `host` that are drawn. */
export function controls(host: Element): HTMLElement[] {
  return [...composed(host)].filter((el): el is HTMLElement => el.matches(CONTROL) && drawn(el));
}

interface TextBox {
  owner: Element;
  node: Text;
  rect: DOMRect;
}

/** The line boxes of every drawn text inside `host`. */
function textBoxes(host: Element): TextBox[] {
  const boxes: TextBox[] = [];
  for (const el of composed(host)) {
    if (!drawn(el)) continue;
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects())
        if (rect.width > 0.5 && rect.height > 0.5) boxes.push({ owner: el, node: node as Text, rect });
    }
  }
  return boxes;
}

/** By how much two boxes overlap in each direction (negative: apart). */
const overlap = (a: DOMRect, b: DOMRect) => ({
  x: Math.min(a.right, b.right) - Math.max(a.left, b.left),
  y: Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top),
});
const EPSILON = 1;
const overlaps = (a: DOMRect, b: DOMRect) => {
  const o = overlap(a, b);
  return o.x > EPSILON && o.y > EPSILON;
};
const inside = (inner: DOMRect, outer: DOMRect) =>
  inner.left >= outer.left - EPSILON &&
  inner.right <= outer.right + EPSILON &&
  inner.top >= outer.top - EPSILON &&
  inner.bottom <= outer.bottom + EPSILON;

const px = (rect: DOMRect) => `${Math.round(rect.left)},${Math.round(rect.top)} ${Math.round(rect.width)}×${Math.round(rect.height)}`;

/** The control (button, label, input) a piece of text belongs to, if any. */
const controlOf = (el: Element): Element | null => {
  for (let node: Element | null = el; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) {
    if (node.matches('button, label, a[href]')) return node;
  }
  return null;
};

/**
 * Reflow and text spacing (1.4.10, 1.4.12): the page does not scroll sideways; every drawn piece and every line of
 * text is inside the viewport's width; no box with hidden overflow (and no text field) cuts its content; no two
 * lines of text, no two controls, and no text and a control it is not part of, overlap; the text of a control stays
 * inside it.
 */
export function layoutProblems(host: Element): string[] {
  const problems: string[] = [];
  const page = document.scrollingElement ?? document.documentElement;
  const width = page.clientWidth;
  if (page.scrollWidth > width + EPSILON) problems.push(`the page scrolls sideways: content ${page.scrollWidth} px wide in ${width} px`);
  const elements = [...composed(host)].filter(drawn);
  for (const el of elements) {
    const rect = el.getBoundingClientRect();
    if (rect.left < -EPSILON || rect.right > width + EPSILON)
      problems.push(`${describe(el)} sticks out of the ${width} px viewport (${px(rect)})`);
    const style = getComputedStyle(el);
    const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible' || el instanceof HTMLInputElement;
    if (clips && (el.scrollWidth > el.clientWidth + EPSILON || el.scrollHeight > el.clientHeight + EPSILON)) {
      problems.push(`${describe(el)} cuts its content (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`);
    }
  }
  const texts = textBoxes(host);
  for (const text of texts) {
    const words = `"${normalize(text.node.textContent).slice(0, 40)}"`;
    if (text.rect.left < -EPSILON || text.rect.right > width + EPSILON)
      problems.push(`text ${words} runs out of the viewport (${px(text.rect)})`);
    const control = controlOf(text.owner);
    if (control && !inside(text.rect, control.getBoundingClientRect())) {
      problems.push(`text ${words} spills out of ${describe(control)} (${px(text.rect)} in ${px(control.getBoundingClientRect())})`);
    }
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i]!;
      const b = texts[j]!;
      if (a.node !== b.node && overlaps(a.rect, b.rect)) {
        problems.push(`text "${normalize(a.node.textContent).slice(0, 30)}" overlaps text "${normalize(b.node.textContent).slice(0, 30)}"`);
      }
    }
  }
  const boxes = controls(host);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (!a.contains(b) && !b.contains(a) && overlaps(a.getBoundingClientRect(), b.getBoundingClientRect())) {
        problems.push(`${describe(a)} overlaps ${describe(b)}`);
      }
    }
    for (const text of texts) {
      const owner = controlOf(text.owner);
      const a = boxes[i]!;
      if (
        owner === a ||
        owner?.contains(a) ||
        a.contains(text.owner) ||
        (a instanceof HTMLInputElement && [...(a.labels ?? [])].includes(owner as HTMLLabelElement))
      )
        continue;
      if (overlaps(a.getBoundingClientRect(), text.rect))
        problems.push(`${describe(a)} covers text "${normalize(text.node.textContent).slice(0, 30)}"`);
    }
  }
  return problems;
}

/** The area that activates a control: its own box, or its label's when a label wraps or names it (a radio's row). */
export function targetOf(control: HTMLElement): DOMRect {
  let best = control.getBoundingClientRect();
  const labels = control instanceof HTMLInputElement ? [...(control.labels ?? [])] : [];
  for (const label of labels) {
    const rect = label.getBoundingClientRect();
    if (rect.width * rect.height > best.width * best.height && inside(best, rect)) best = rect;
  }
  return best;
}

/** Target size (2.5.8): every control's target is at least 24 × 24 CSS px. */
export function targetProblems(host: Element, minimum = 24): string[] {
  return controls(host)
    .map((control) => ({ control, rect: targetOf(control) }))
    .filter(({ rect }) => rect.width < minimum - 0.01 || rect.height < minimum - 0.01)
    .map(({ control, rect }) => `${describe(control)}: target ${rect.width.toFixed(1)}×${rect.height.toFixed(1)} px`);
}

/** The element at a point, through shadow roots (elementFromPoint stops at a host). */
export function deepElementFromPoint(x: number, y: number): Element | null {
  let el = document.elementFromPoint(x, y);
  while (el?.shadowRoot) {
    const inner = el.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === el) break;
    el = inner;
  }
  return el;
}

/**
 * Focus not obscured (2.4.11, the AA minimum): the focused control is not entirely hidden, i.e. some of it is inside
 * the viewport and, at one of the points sampled over that visible part (centre and near its corners), what is drawn
 * is the control itself (or its label), not something laid over it.
 */
export function obscuredProblems(el: Element): string[] {
  const rect = el.getBoundingClientRect();
  if (rect.width === 0 || rect.height === 0) return [`${describe(el)} has focus but no box`];
  const left = Math.max(rect.left, 0);
  const top = Math.max(rect.top, 0);
  const right = Math.min(rect.right, innerWidth);
  const bottom = Math.min(rect.bottom, innerHeight);
  if (right - left < 1 || bottom - top < 1)
    return [`${describe(el)} has focus outside the ${innerWidth}×${innerHeight} viewport (${px(rect)})`];
  const labels = el instanceof HTMLInputElement ? [...(el.labels ?? [])] : [];
  const mine = (hit: Element | null) =>
    !!hit && (el === hit || el.contains(hit) || labels.some((label) => label === hit || label.contains(hit)));
  const inset = (a: number, b: number) => Math.min(3, (b - a) / 2);
  const points: [number, number][] = [
    [(left + right) / 2, (top + bottom) / 2],
    [left + inset(left, right), top + inset(top, bottom)],
    [right - inset(left, right), top + inset(top, bottom)],
    [left + inset(left, right), bottom - inset(top, bottom)],
    [right - inset(left, right), bottom - inset(top, bottom)],
  ];
  const hits = points.map(([x, y]) => deepElementFromPoint(x, y));
  if (hits.some(mine)) return [];
  return [
    `${describe(el)} has focus but is covered: ${[...new Set(hits.map((hit) => (hit ? describe(hit) : 'nothing')))].join(', ')} drawn over it`,
  ];
}

/** WCAG 1.4.12's minimums, as the text-spacing bookmarklet sets them, with !important. */
export const TEXT_SPACING_CSS = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`;

/** Adds `css` to the document and to every shadow root inside `host`; answers a function that takes it all out. */
export function injectStyles(host: Element, css: string): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const roots: (Document | ShadowRoot)[] = [document, ...[host, ...composed(host)].flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []))];
  for (const root of roots) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return () => {
    for (const root of roots) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}

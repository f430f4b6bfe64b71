/**
 * What the live regions say over time, as a screen reader hears it: a MutationObserver on a container and on every
 * shadow root inside it (new ones are picked up as nested elements appear) notes each time a live region
 * (role=status / alert / log, aria-live, <output>) starts saying a new, non-empty text. A region inserted with its
 * text counts once; the same text written again without a change is not an announcement.
 *
 * Focus moves inside the container are kept in the same timeline (a screen reader reads the newly focused control or
 * heading), so a test can tell when one status is said twice: by a live region and by the focus landing on it.
 */
import { accessibleDescription, accessibleName, normalize, roleOf } from '../../harness/index.js';

export interface Announcement {
  /** The element whose shadow root holds the region (`wallet-pay`, `otp-link`…). */
  from: string;
  /** `polite` (status) or `assertive` (alert). */
  politeness: string;
  text: string;
}

function politeness(el: Element): string | null {
  const live = el.getAttribute('aria-live');
  if (live === 'off') return null;
  if (live) return live;
  const role = roleOf(el);
  if (role === 'alert') return 'assertive';
  if (role === 'status' || role === 'log') return 'polite';
  return null;
}

/** Hidden from everyone (a visually hidden region is still read: only display/visibility/aria-hidden count). */
function silenced(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) {
    if (node.getAttribute('aria-hidden') === 'true' || (node as HTMLElement).hidden) return true;
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden') return true;
  }
  return false;
}

/** One thing a screen reader says: a live region's new text, or the name and description of what took focus. */
export interface Said {
  kind: 'live' | 'focus';
  text: string;
  /** Counts the shopper's key presses: what one press sets off shares a number. */
  press: number;
}

export class LiveRecorder {
  readonly heard: Announcement[] = [];
  /** Live announcements and focus moves, in order. */
  readonly timeline: Said[] = [];
  readonly #observer = new MutationObserver(() => this.#scan());
  readonly #observed = new WeakSet<Node>();
  readonly #said = new WeakMap<Element, string>();

  readonly #onFocus = (event: FocusEvent) => {
    const target = event.composedPath()[0];
    if (!(target instanceof Element) || !this.container.contains(event.target as Node)) return;
    // What is already waiting in the regions is heard before the focus move is.
    this.#scan();
    const text = `${accessibleName(target) || normalize(target.textContent)} ${accessibleDescription(target)}`.trim();
    this.timeline.push({ kind: 'focus', text, press: this.#presses });
  };

  readonly #onKey = () => void this.#presses++;
  #presses = 0;

  constructor(private readonly container: Element) {
    document.addEventListener('focusin', this.#onFocus, true);
    document.addEventListener('keydown', this.#onKey, true);
    this.#scan();
  }

  /** The announcements' texts, in order. */
  get texts(): string[] {
    return this.heard.map((a) => a.text);
  }

  /** Forgets what was heard so far (the regions' current texts stay known, so they are not heard again). */
  clear(): void {
    this.heard.length = 0;
    this.timeline.length = 0;
  }

  /**
   * What one key press made a screen reader say twice: two things said after the same press where one holds the
   * other (a live region and the focus landing on the same words, or a description repeating an alert).
   */
  get repeats(): string[] {
    const found: string[] = [];
    this.timeline.forEach((b, j) => {
      for (const a of this.timeline.slice(0, j)) {
        if (a.press !== b.press) continue;
        const [short, long] = a.text.length <= b.text.length ? [a.text, b.text] : [b.text, a.text];
        if (short.length >= 10 && long.includes(short)) found.push(`"${a.text}" (${a.kind}) then "${b.text}" (${b.kind})`);
      }
    });
    return found;
  }

  stop(): void {
    this.#scan();
    this.#observer.disconnect();
    document.removeEventListener('focusin', this.#onFocus, true);
    document.removeEventListener('keydown', this.#onKey, true);
  }

  #watch(root: Node): void {
    if (this.#observed.has(root)) return;
    this.#observed.add(root);
    this.#observer.observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['role', 'aria-live', 'hidden', 'aria-hidden'],
    });
  }

  #scan(): void {
    const visit = (root: Element | ShadowRoot) => {
      this.#watch(root);
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) visit(el.shadowRoot);
        const level = politeness(el);
        if (!level) continue;
        const text = silenced(el) ? '' : normalize(el.textContent);
        if (text === (this.#said.get(el) ?? '')) continue;
        this.#said.set(el, text);
        const host = (el.getRootNode() as ShadowRoot).host;
        if (!text) continue;
        this.heard.push({ from: host?.localName ?? 'document', politeness: level, text });
        this.timeline.push({ kind: 'live', text, press: this.#presses });
      }
    };
    visit(this.container);
  }
}

/**
 * What the shopper sees, checked on real pixels (screenshots through the a11y-screenshot server command, both
 * browsers) and on computed colours: the focus ring drawn around the focused control, each control's boundary, and
 * text contrast, in light, dark and forced colours.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { composed, describe } from './layout.js';

export type Rgb = [number, number, number];

/** WCAG relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A region of the page as pixels; read back in CSS px. */
export class Shot {
  constructor(
    readonly left: number,
    readonly top: number,
    readonly width: number,
    readonly height: number,
    private readonly scale: number,
    private readonly image: ImageData,
  ) {}

  /** The colour at page point (x, y) in CSS px, or null outside the region. */
  at(x: number, y: number): Rgb | null {
    const px = Math.floor((x - this.left) * this.scale);
    const py = Math.floor((y - this.top) * this.scale);
    if (px < 0 || py < 0 || px >= this.image.width || py >= this.image.height) return null;
    const i = (py * this.image.width + px) * 4;
    const d = this.image.data;
    return [d[i]!, d[i + 1]!, d[i + 2]!];
  }
}

/** A screenshot of the viewport region `rect` grown by `margin` CSS px (clipped to the viewport). */
export async function shoot(rect: DOMRect, margin = 10): Promise<Shot> {
  const left = Math.max(0, Math.floor(rect.left - margin));
  const top = Math.max(0, Math.floor(rect.top - margin));
  const right = Math.min(innerWidth, Math.ceil(rect.right + margin));
  const bottom = Math.min(innerHeight, Math.ceil(rect.bottom + margin));
  const png = await executeServerCommand<string, object>('a11y-screenshot', { x: left, y: top, width: right - left, height: bottom - top });
  // Decoded without fetch (a test may have replaced it).
  const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return new Shot(
    left,
    top,
    right - left,
    bottom - top,
    bitmap.width / (right - left),
    context.getImageData(0, 0, bitmap.width, bitmap.height),
  );
}

type Side = 'top' | 'right' | 'bottom' | 'left';
const SIDES: Side[] = ['top', 'right', 'bottom', 'left'];

/** Points along the middle 80 % of one side of `rect`, `d` CSS px outside it (negative: inside). */
function along(rect: DOMRect, side: Side, d: number): [number, number][] {
  const points: [number, number][] = [];
  const horizontal = side === 'top' || side === 'bottom';
  const [from, to] = horizontal ? [rect.left, rect.right] : [rect.top, rect.bottom];
  const span = to - from;
  for (let t = from + span * 0.1; t <= to - span * 0.1; t += 1) {
    if (side === 'top') points.push([t, rect.top - d - 0.5]);
    if (side === 'bottom') points.push([t, rect.bottom + d + 0.5]);
    if (side === 'left') points.push([rect.left - d - 0.5, t]);
    if (side === 'right') points.push([rect.right + d + 0.5, t]);
  }
  return points;
}

/**
 * The focus indicator (2.4.7, 1.4.11): comparing the region before and after the control took focus, on each side
 * the share of positions where, within 6 px outside the control, a pixel changed to a colour at least 3:1 against
 * what was there. A ring drawn all around scores 1 on every side; a clipped or faint one scores less.
 */
export function ringCoverage(before: Shot, after: Shot, rect: DOMRect): Record<Side, number> {
  const coverage = {} as Record<Side, number>;
  for (const side of SIDES) {
    const columns = along(rect, side, 0);
    let covered = 0;
    let counted = 0;
    for (let index = 0; index < columns.length; index++) {
      let seen = false;
      let inside = false;
      for (let d = 0; d <= 6; d++) {
        const [x, y] = along(rect, side, d)[index]!;
        const a = before.at(x, y);
        const b = after.at(x, y);
        if (!a || !b) continue;
        inside = true;
        if (contrast(a, b) >= 3) seen = true;
      }
      if (!inside) continue;
      counted++;
      if (seen) covered++;
    }
    coverage[side] = counted ? covered / counted : 0;
  }
  return coverage;
}

/**
 * A control's boundary (1.4.11): on each side, the best contrast between the control's edge (its outer 3 px) and
 * the page 3 px outside it. Answers the weakest side's best, i.e. whether the whole outline can be made out.
 */
export function boundaryContrast(shot: Shot, rect: DOMRect): number {
  let weakest = Infinity;
  for (const side of SIDES) {
    let best = 1;
    const outside = along(rect, side, 3);
    for (const inset of [-1, -2, -3]) {
      const edge = along(rect, side, inset);
      for (let i = 0; i < edge.length; i++) {
        const a = shot.at(...edge[i]!);
        const b = shot.at(...outside[i]!);
        if (a && b) best = Math.max(best, contrast(a, b));
      }
    }
    weakest = Math.min(weakest, best);
  }
  return weakest;
}

/** An `rgb()` / `rgba()` computed colour as [r, g, b, alpha]. */
function parse(color: string): [number, number, number, number] | null {
  const m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(color);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
}

const over = (top: [number, number, number, number], bottom: Rgb): Rgb => [
  top[0] * top[3] + bottom[0] * (1 - top[3]),
  top[1] * top[3] + bottom[1] * (1 - top[3]),
  top[2] * top[3] + bottom[2] * (1 - top[3]),
];

/** The page's canvas colour in its used colour scheme (white on a light page, near black on a dark one). */
function canvas(): Rgb {
  const probe = document.createElement('div');
  probe.style.background = 'Canvas';
  document.body.append(probe);
  const color = parse(getComputedStyle(probe).backgroundColor);
  probe.remove();
  return color ? [color[0], color[1], color[2]] : [255, 255, 255];
}

/** The colour behind `el`: the background colours of it and its ancestors (through hosts) over the page's canvas. */
export function backgroundOf(el: Element): Rgb {
  const layers: [number, number, number, number][] = [];
  for (let node: Element | null = el; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) {
    const color = parse(getComputedStyle(node).backgroundColor);
    if (color && color[3] > 0) layers.push(color);
    if (color && color[3] === 1) break;
  }
  let base = canvas();
  for (const layer of layers.reverse()) base = over(layer, base);
  return base;
}

/** Text contrast (1.4.3) from computed colours: 4.5:1, 3:1 for large text; disabled controls are exempt. */
export function textContrastProblems(host: Element): string[] {
  const problems: string[] = [];
  for (const el of composed(host)) {
    const own = [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
    if (!own || el.closest(':disabled') || el.matches(':disabled')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || (style.position === 'absolute' && style.clip !== 'auto')) continue;
    const fg = parse(style.color);
    if (!fg) continue;
    const bg = backgroundOf(el);
    const ratio = contrast(over(fg, bg), bg);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const needed = large ? 3 : 4.5;
    if (ratio < needed)
      problems.push(
        `${describe(el)}: text contrast ${ratio.toFixed(2)}:1 (needs ${needed}:1), ${style.color} on rgb(${bg.map(Math.round).join(', ')})`,
      );
  }
  return problems;
}

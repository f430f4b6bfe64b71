/**
 * Walking an element by keyboard: Tab from the button before it until focus leaves it, visiting each control that
 * takes focus, in order.
 */
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement } from '../../harness/index.js';
import { describe } from './layout.js';

const deepActive = () => deepActiveElement(document);

/** The focused element as the suite names it (`button "Pay IDR 150,000"`, `paragraph "GoPay is linked."`), or "nothing". */
export function focused(): string {
  const active = deepActive();
  return active ? describe(active) : 'nothing';
}

/** Whether `node` is `host` or inside it, through shadow roots. */
export function within(host: Element, node: Node | null): boolean {
  for (let n: Node | null = node; n; n = n.parentNode instanceof ShadowRoot ? n.parentNode.host : n.parentNode) if (n === host) return true;
  return false;
}

/** Tabs from `start` through `host`; calls `visit` on each focused control; answers the order ("button "Pay …""). */
export async function tabThrough(start: HTMLElement, host: Element, visit?: (el: HTMLElement) => Promise<void> | void): Promise<string[]> {
  start.focus();
  const order: string[] = [];
  for (let i = 0; i < 40; i++) {
    await sendKeys({ press: 'Tab' });
    const active = deepActive();
    if (!active || !within(host, active)) break;
    order.push(describe(active));
    await visit?.(active as HTMLElement);
  }
  return order;
}

/** Presses Tab (or Shift+Tab) until the focused control is `describe`d as `target`; throws with the path taken. */
export async function tabTo(target: string | RegExp, { back = false, max = 25 } = {}): Promise<HTMLElement> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    if (back) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (back) await sendKeys({ up: 'Shift' });
    const active = deepActive() as HTMLElement | null;
    const label = active ? describe(active) : 'nothing';
    path.push(label);
    if (typeof target === 'string' ? label === target : target.test(label)) return active!;
  }
  throw new Error(`Tab never reached ${String(target)}: ${path.join(' → ')}`);
}

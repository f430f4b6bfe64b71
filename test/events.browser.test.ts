/**
 * The public events in a real DOM: each reaches `document` from inside nested open and closed shadow roots,
 * retargeted to the outermost host, and only a cancelable one can be cancelled. Their flags, details and typing are
 * checked in node (test/events.test.ts).
 */
import { expect } from '@open-wc/testing';
import { eventCases as cases } from './helpers/events.js';

describe('events', () => {
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => host.remove());

  for (const c of cases) {
    describe(c.name, () => {
      it('reaches document from inside nested (open and closed) shadow roots, and preventDefault works only if cancelable', () => {
        const outer = host.attachShadow({ mode: 'open' });
        const inner = document.createElement('div');
        outer.append(inner);
        const deepest = inner.attachShadow({ mode: 'closed' });
        const source = document.createElement('span');
        deepest.append(source);

        const heard: Event[] = [];
        const listener = (event: Event) => {
          heard.push(event);
          event.preventDefault();
        };
        document.addEventListener(c.type, listener);
        try {
          const event = c.make();
          const notCancelled = source.dispatchEvent(event);
          expect(heard).to.have.length(1);
          expect(heard[0]).to.equal(event);
          // Retargeted to the outermost host: the page never sees the widget's internals.
          expect(heard[0]!.target).to.equal(host);
          expect(notCancelled).to.equal(!c.cancelable);
          expect(event.defaultPrevented).to.equal(c.cancelable);
        } finally {
          document.removeEventListener(c.type, listener);
        }
      });
    });
  }
});

/**
 * The public events with no DOM: each class's type, flags and detail (Node has Event), and the typing a listener
 * gets from the GlobalEventHandlersEventMap augmentation, read with TypeScript's checker (esbuild and tsx strip
 * types, so only the compiler can see them). Crossing shadow roots to `document` is test/events.browser.test.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventCases as cases } from './helpers/events.js';
import { probeProgram, ts } from './helpers/typescript.js';
import { WALLET_EVENTS } from './harness/vocabulary.js';

const root = new URL('..', import.meta.url).pathname;

/** The events src/events.ts declares on `GlobalEventHandlersEventMap`: the public events, from their one source. */
function declaredEvents(): string[] {
  const path = join(root, 'src/events.ts');
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'GlobalEventHandlersEventMap') {
      for (const member of node.members) if (member.name && ts.isStringLiteral(member.name)) names.push(member.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

describe('events', () => {
  for (const c of cases) {
    describe(c.name, () => {
      it(`is '${c.type}', bubbles, composed, ${c.cancelable ? '' : 'not '}cancelable, with its detail`, () => {
        const event = c.make();
        assert.ok(event instanceof Event);
        assert.equal(event.type, c.type);
        assert.equal(event.bubbles, true);
        assert.equal(event.composed, true);
        assert.equal(event.cancelable, c.cancelable);
        assert.deepEqual(event.detail, c.detail);
        // preventDefault takes only on a cancelable event.
        event.preventDefault();
        assert.equal(event.defaultPrevented, c.cancelable);
      });
    });
  }

  it('every public event (each one src/events.ts declares on GlobalEventHandlersEventMap) is covered here', () => {
    const declared = declaredEvents().sort();
    assert.ok(declared.length > 0, 'no events found on GlobalEventHandlersEventMap in src/events.ts');
    assert.deepEqual(cases.map((c) => c.type).sort(), declared, 'the cases of test/helpers/events.ts');
    assert.deepEqual([...WALLET_EVENTS].sort(), declared, 'WALLET_EVENTS of test/harness/vocabulary.ts (the typed-map probe below)');
  });

  it("the typed event map gives each listener its event class and detail, with no cast (TypeScript's checker)", () => {
    // One listener per event on `document` and on an element, as a merchant's code writes them.
    const probePath = join(root, 'test/events.probe.ts');
    const probe = `import '../src/events.js';\n${WALLET_EVENTS.map(
      (type) => `document.addEventListener('${type}', (event) => event);\ndocument.body.addEventListener('${type}', (event) => event);`,
    ).join('\n')}\n`;
    const { checker, probe: probeFile, problems } = probeProgram(probePath, probe);
    assert.deepEqual(problems, []);

    // What each listener's parameter is typed as: its class, and the keys of its detail.
    const typed: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isStringLiteral(node.arguments[0]!) && ts.isArrowFunction(node.arguments[1]!)) {
        const parameter = node.arguments[1].parameters[0]!;
        const type = checker.getTypeAtLocation(parameter);
        const detail = type.getProperty('detail');
        const keys = detail
          ? checker
              .getTypeOfSymbolAtLocation(detail, parameter)
              .getProperties()
              .map((p) => p.name)
          : [];
        typed.push(`${node.arguments[0].text}: ${checker.typeToString(type)} {${keys.join(', ')}}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(probeFile);
    const expected = [
      'wallet-select: WalletSelectEvent {provider, wallet}',
      'wallet-linked: WalletLinkedEvent {wallet}',
      'wallet-unlinked: WalletUnlinkedEvent {wallet}',
      'wallet-charged: WalletChargedEvent {orderId, url}',
      'wallet-pending: WalletPendingEvent {orderId, topUpUrl}',
      'wallet-redirect: WalletRedirectEvent {url}',
      'wallet-error: WalletErrorEvent {code, message, retryable}',
    ];
    assert.deepEqual(
      typed,
      expected.flatMap((line) => [line, line]),
    );
  });
});

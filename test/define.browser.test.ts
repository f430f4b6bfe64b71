import { expect, fixture } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { define } from '../src/components/shared/define-element.js';
import { OtpLink } from '../src/components/otp-link/otp-link.js';
import { WalletPicker } from '../src/components/wallet-picker/wallet-picker.js';
// The real registration modules, imported the way a page does.
import '../src/components/otp-link/define.js';
import '../src/components/wallet-picker/define.js';
import { WalletPickerHarness } from './harness/index.js';

const checkout = {
  order: { id: 'ord1', amount: 150_000, currency: 'IDR' },
  wallets: [],
  providers: ['GOPAY', 'DANA'] as const,
};

/** Renders `<tag>` with a local checkout (no network) and answers the names of its wallet radios. */
async function walletNames(tag: string): Promise<string[]> {
  const el = await fixture<WalletPicker>(
    staticHtml`<${unsafeStatic(tag)} locale="en" .checkout=${{ ...checkout, providers: [...checkout.providers] }}></${unsafeStatic(tag)}>`,
  );
  const picker = new WalletPickerHarness(el);
  await picker.update();
  return picker.radios().map((radio) => radio.value);
}

describe('define', () => {
  it('the define modules register the default tags', () => {
    expect(customElements.get('otp-link')).to.equal(OtpLink);
    expect(customElements.get('wallet-picker')).to.equal(WalletPicker);
  });

  it('defining a tag twice is a no-op, not an error', () => {
    expect(() => define('wallet-picker', WalletPicker)).to.not.throw();
    expect(() => define('otp-link', class extends HTMLElement {})).to.not.throw();
    // The first definition stays.
    expect(customElements.get('otp-link')).to.equal(OtpLink);
  });

  it('a class not registered yet is registered as it is under a custom tag (no subclass)', () => {
    class Fresh extends WalletPicker {}
    define('shop-wallets', Fresh);
    expect(customElements.get('shop-wallets')).to.equal(Fresh);
    expect(customElements.getName(Fresh)).to.equal('shop-wallets');
    const el = document.createElement('shop-wallets');
    expect(Object.getPrototypeOf(el) === Fresh.prototype, 'an instance of Fresh itself').to.equal(true);
  });

  it('the same class under a second tag works (as a subclass, since a constructor backs one tag)', async () => {
    define('my-wallet-picker', WalletPicker);
    const ctor = customElements.get('my-wallet-picker')!;
    expect(ctor).to.not.equal(WalletPicker);
    expect(ctor.prototype).to.be.instanceOf(WalletPicker);
    // The default tag keeps its class; both tags render the same list.
    expect(customElements.getName(WalletPicker)).to.equal('wallet-picker');
    const [first, second] = await Promise.all([walletNames('wallet-picker'), walletNames('my-wallet-picker')]);
    expect(first).to.deep.equal(['GOPAY', 'DANA']);
    expect(second).to.deep.equal(['GOPAY', 'DANA']);
    const el = document.createElement('my-wallet-picker');
    expect(el).to.be.instanceOf(WalletPicker);
  });

  it('a second registry gets its own definition', () => {
    const registry = {
      defined: new Map<string, CustomElementConstructor>(),
      get(tag: string) {
        return this.defined.get(tag);
      },
      getName(ctor: CustomElementConstructor) {
        for (const [tag, c] of this.defined) if (c === ctor) return tag;
        return null;
      },
      define(tag: string, ctor: CustomElementConstructor) {
        if (this.defined.has(tag)) throw new DOMException('already defined', 'NotSupportedError');
        this.defined.set(tag, ctor);
      },
    };
    define('wallet-picker', WalletPicker, registry as unknown as CustomElementRegistry);
    define('wallet-picker', WalletPicker, registry as unknown as CustomElementRegistry);
    expect(registry.defined.get('wallet-picker')).to.equal(WalletPicker);
    expect(registry.defined.size).to.equal(1);
  });
});

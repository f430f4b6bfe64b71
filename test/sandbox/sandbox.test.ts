/**
 * The sandbox suite, one process: each `*.suite.ts` registers its describe() blocks on import. Starting a tsx
 * process costs about a second of CPU on these machines while the tests themselves take milliseconds, so one
 * entry file keeps the whole suite to a few seconds. Run one part with --test-name-pattern, e.g.
 * `node --import tsx --test --test-name-pattern='sandbox faults' test/sandbox/sandbox.test.ts`.
 */
import './transport.suite.js';
import './wallets.suite.js';
import './tokens.suite.js';
import './orders.suite.js';
import './txns.suite.js';
import './pages.suite.js';
import './faults.suite.js';
import './webhooks.suite.js';
import './refunds.suite.js';
import './personas.suite.js';

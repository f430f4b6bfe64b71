import type { Browser } from 'playwright-core';

/** Debian's Chromium (scripts/chromium.mjs). */
export declare const CHROMIUM_PATH: string;
/** The flags every headless Chromium of the project is started with. */
export declare const CHROMIUM_ARGS: string[];
/** A headless Chromium under playwright-core. */
export declare function launchChromium(): Promise<Browser>;

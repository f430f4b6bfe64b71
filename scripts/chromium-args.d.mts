/** The flags every headless Chromium of the project is started with (scripts/chromium-args.mjs). */
export declare const CHROMIUM_ARGS: string[];

// @ts-expect-error: a plain .mjs module shared with the scripts, without types.
import { freePort as free } from '../../scripts/free-port.mjs';

/** A loopback port nothing listens on right now (for a child process that must be told its port up front). */
export const freePort: () => Promise<number> = free;

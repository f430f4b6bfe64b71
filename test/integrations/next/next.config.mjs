// The Next.js app of the integration suite: `next build` then `next start`, as a merchant deploys it.
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

export default {
  // The kit is imported from the repository's dist/ (what npm would install), outside this app's folder.
  turbopack: { root: repo },
  outputFileTracingRoot: repo,
  // The repository's own tsc checks these files (TypeScript 7 has no compiler API for Next's checker).
  typescript: { ignoreBuildErrors: true },
};

/**
 * Juspay's authentication: HTTP Basic with the API key as the user name and an empty password
 * (`-u your_api_key:`, the documented form), or the API key alone with no colon at all (`base64(api_key)`, what
 * Juspay's own Node SDK sends). Anything else, including a missing header, is Juspay's 401 `access_denied`.
 */
export function isAuthorised(header: string | null | undefined, apiKey: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  let decoded: string;
  try {
    decoded = atob(match[1]!);
  } catch {
    return false;
  }
  // Both comparisons always run, so the time taken does not tell which form came close.
  const withColon = constantTimeEqual(decoded, `${apiKey}:`);
  const bare = constantTimeEqual(decoded, apiKey);
  return withColon || bare;
}

/** Compares without returning early on the first differing character, so timing does not leak the key. */
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let index = 0; index < b.length; index += 1) diff |= (a.charCodeAt(index) || 0) ^ b.charCodeAt(index);
  return diff === 0;
}

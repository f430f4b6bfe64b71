/**
 * HTTP Basic credentials as the kit sends them to Juspay and expects them on Juspay's webhook: base64 of the
 * UTF-8 bytes of `username:password`, as curl's `-u` and browsers encode them. `btoa` alone throws past Latin-1,
 * so an API key or a password with `é` or `€` would break the kit when it is created.
 */

/** `base64(username:password)`, UTF-8: the secret part of the header (the logger redacts it). */
export function basicCredentials(username: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The `Authorization` header value: `Basic base64(username:password)`. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${basicCredentials(username, password)}`;
}

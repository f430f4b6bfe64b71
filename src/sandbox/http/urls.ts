/**
 * URLs the sandbox sends someone to: a browser (finish and top-up pages, the order's return_url) or a webhook
 * receiver. Each is an absolute http(s) URL.
 */
import type { SandboxConfig } from '../context.js';

/** The URL, or null when `value` is not an absolute http(s) URL. */
export function httpUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
}

/** The absolute base for URLs handed to browsers: the configured publicUrl, else this request's origin + basePath. */
export function publicBase(request: Request, config: Pick<SandboxConfig, 'publicUrl' | 'basePath'>): string {
  return config.publicUrl ?? new URL(request.url).origin + config.basePath;
}

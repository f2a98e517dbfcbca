/**
 * Which hosts the extension must be allowed to reach for a settings document. The manifest only
 * declares `optional_host_permissions` (wxt.config.ts), so the options page asks for exactly these
 * origins when the user saves.
 */
import type { Settings } from './schema';

/** Origin match pattern for a URL (`https://pbx.example.com/*`), or null when it is not http(s). */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    // Match patterns carry no port: Chrome and Firefox match every port of the host
    // (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns).
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

/** The origins the provider and the call log of `settings` live on, without duplicates. */
export function requiredOrigins(settings: Settings): string[] {
  const urls: string[] = [];
  const p = settings.provider;
  if (p) {
    // The custom URL is a template: fill its placeholders as a dial would, so it parses as the URL it becomes.
    urls.push(
      p.type === 'custom' ? p.url.replaceAll('{number}', '1').replaceAll('{extension}', p.extension || '1') : p.baseUrl,
    );
  }
  if (settings.callLog) urls.push(settings.callLog.baseUrl);
  const out: string[] = [];
  for (const url of urls) {
    const pattern = originPattern(url);
    if (pattern && !out.includes(pattern)) out.push(pattern);
  }
  return out;
}

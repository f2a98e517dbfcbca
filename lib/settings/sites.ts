/**
 * Host patterns for `pages.blockedSites`: `crm.example.com` matches that host only;
 * `*.bank.example` matches `bank.example` and every host below it. Ports and paths are not part of a pattern.
 * Kept tiny and dependency-free: the content script uses it on every page.
 */

const LABEL = '(?!-)[a-z0-9-]{1,63}(?<!-)';
const PATTERN_RE = new RegExp(`^(\\*\\.)?${LABEL}(\\.${LABEL})*$`);

export function isValidSitePattern(pattern: string): boolean {
  return pattern.length <= 253 && PATTERN_RE.test(pattern);
}

export function hostMatchesPattern(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return h === base || h.endsWith(`.${base}`);
  }
  return h === pattern;
}

export function isHostBlocked(host: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => hostMatchesPattern(host, p));
}

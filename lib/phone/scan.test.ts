import { afterEach, describe, expect, it } from 'vitest';
import { findPhoneNumbers } from './detect';
import { DETECTION_RULES, rulesOf } from './scan';
import { setRuleTrace, type RulePhase } from './scan-context';

/** The phases in the order the scanner runs them (scan-context.ts). */
const PHASES: RulePhase[] = ['candidate', 'block', 'shape', 'read', 'country', 'fallback', 'verify', 'sequence'];

/** Each decision the trace reports while `text` is scanned: [rule id, accepted, the text decided]. */
function decisions(text: string, country: string): Array<[string, boolean, string]> {
  const out: Array<[string, boolean, string]> = [];
  setRuleTrace((id, accepted, t, start, end) => void out.push([id, accepted, t.slice(start, end)]));
  try {
    findPhoneNumbers(text, { country });
  } finally {
    setRuleTrace(null);
  }
  return out;
}

afterEach(() => setRuleTrace(null));

describe('DETECTION_RULES (issue 16: detection rules as data)', () => {
  it('gives every rule a unique id and lists the phases in the order the scanner runs them', () => {
    const ids = DETECTION_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const order = DETECTION_RULES.map((r) => PHASES.indexOf(r.phase));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const phase of PHASES) expect(rulesOf(phase).length, phase).toBeGreaterThan(0);
  });

  it('reports the rule that read each number and where the number stands', () => {
    expect(decisions('Call +44 20 7946 0958 or (415) 555-0132', 'US')).toEqual([
      ['international', true, '+44 20 7946 0958'],
      ['page-country', true, '(415) 555-0132'],
    ]);
    expect(decisions('UK: 020 7946 0958', 'US')).toEqual([['named-country', true, '020 7946 0958']]);
    expect(decisions('1-800-FLOWERS', 'US')).toEqual([['vanity', true, '1-800-FLOWERS']]);
  });

  it('reports the rule that rejected a run, a token or a span', () => {
    expect(decisions('Call 415-555-0132, room 12345', 'US')).toEqual([
      ['page-country', true, '415-555-0132'],
      ['too-few-digits', false, '12345'],
    ]);
    // The identifier label blocks the run's token before any span is tried.
    expect(decisions('Order #4155550132', 'US')).toEqual([['identifier-label', false, '4155550132']]);
    // A date blocks its tokens; a bare, unlabelled run is a number only where people write numbers bare.
    expect(decisions('On 2024-03-15 we counted 4155550132', 'US')).toEqual([
      ['date', false, '2024-03-15'],
      ['bare-national', false, '4155550132'],
    ]);
    // Part of a run, bare and unlabelled, it needs a label.
    expect(decisions('Room 7 4155550132', 'US')).toContainEqual(['bare-needs-label', false, '4155550132']);
    // No valid reading because the page's country writes its numbers with a trunk "0": that rule decided.
    expect(decisions('Kontakt 30 1234 5678', 'DE')[0]).toEqual(['trunk-prefix', false, '30']);
  });

  it('reports nothing when no trace is installed', () => {
    setRuleTrace(null);
    expect(findPhoneNumbers('Call (415) 555-0132', { country: 'US' })).toHaveLength(1);
  });
});

/**
 * Which detection rule decided what on the labelled page corpus (issue 16: `npm run measure:pages` reports each
 * rule's hits, and every rule needs a corpus case). While a page is linked, the detector's rule trace
 * (lib/phone/scan-context.ts) reports each decision: a number a rule read, or a run, token or span it rejected.
 * A decision is on a labelled number when its text overlaps one of the page's labelled numbers (linked or in
 * ordinary links) where that number's digits stand in the text, and on a non-number otherwise. A decision
 * made twice on the same text (the linker reads a node and then its block) counts once. Node only.
 */
import { digitValue } from '../../../lib/phone/digits';
import { setRuleTrace } from '../../../lib/phone/scan-context';
import { DETECTION_RULES } from '../../../lib/phone/scan';
import type { CorpusPage } from '../../../lib/page/page-corpus';

/** What one rule decided over the pages tallied. */
export interface RuleHits {
  id: string;
  phase: string;
  /** Labelled numbers it read, and other text it read as a number (false positives unless a later rule drops them). */
  acceptedNumbers: number;
  acceptedOthers: number;
  /** Labelled numbers it rejected (or a token of one), and non-numbers it rejected. */
  rejectedNumbers: number;
  rejectedOthers: number;
}

/** Whether a decision fired at all. */
export const fired = (h: RuleHits): boolean =>
  h.acceptedNumbers + h.acceptedOthers + h.rejectedNumbers + h.rejectedOthers > 0;

/** A tally of rule decisions over pages: link each page inside {@link RuleTally.during}. */
export interface RuleTally {
  /** Runs `link` (which links `page`) with the trace on, counting each rule's decisions on the page. */
  during<T>(page: CorpusPage, link: () => T): T;
  /** One entry per rule of `DETECTION_RULES`, in list order. */
  hits(): RuleHits[];
}

/** The digits of `s` in ASCII (full-width and Arabic-Indic digits too, as the detector reads them). */
function digitsOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d >= 0) out += d;
  }
  return out;
}

/** [start, end) text ranges where one of `numbers` (digit strings) stands in `text`, allowing separators. */
function labelledRanges(text: string, numbers: readonly string[]): number[] {
  let digits = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const d = digitValue(text.charCodeAt(i));
    if (d >= 0) {
      digits += d;
      at.push(i);
    }
  }
  const out: number[] = [];
  for (const n of numbers) {
    for (let k = digits.indexOf(n); k !== -1; k = digits.indexOf(n, k + 1)) {
      const start = at[k]!;
      const end = at[k + n.length - 1]! + 1;
      // Digits spread over more than a written number's room are not that number.
      if (end - start <= n.length * 2 + 12) out.push(start, end);
    }
  }
  return out;
}

/** A new, empty tally. */
export function createRuleTally(): RuleTally {
  const byId = new Map<string, RuleHits>();
  for (const r of DETECTION_RULES) {
    byId.set(r.id, {
      id: r.id,
      phase: r.phase,
      acceptedNumbers: 0,
      acceptedOthers: 0,
      rejectedNumbers: 0,
      rejectedOthers: 0,
    });
  }
  return {
    during(page, link) {
      const numbers = [...page.expect, ...(page.inLinks ?? [])].map((n) => digitsOf(n.text)).filter((d) => d.length);
      const ranges = new Map<string, number[]>();
      const seen = new Set<string>();
      setRuleTrace((id, accepted, text, start, end) => {
        const key = `${id}\u0000${accepted}\u0000${text.slice(Math.max(0, start - 32), end + 32)}`;
        if (seen.has(key)) return;
        seen.add(key);
        let labelled = ranges.get(text);
        if (labelled === undefined) ranges.set(text, (labelled = labelledRanges(text, numbers)));
        let onNumber = false;
        for (let i = 0; i < labelled.length && !onNumber; i += 2)
          onNumber = labelled[i]! < end && labelled[i + 1]! > start;
        const hits = byId.get(id)!;
        if (accepted && onNumber) hits.acceptedNumbers++;
        else if (accepted) hits.acceptedOthers++;
        else if (onNumber) hits.rejectedNumbers++;
        else hits.rejectedOthers++;
      });
      try {
        return link();
      } finally {
        setRuleTrace(null);
      }
    },
    hits: () => [...byId.values()],
  };
}

/** The tally as a table, one rule a line; rules that never fired say so. */
export function formatRuleHits(hits: readonly RuleHits[]): string {
  const lines = ['rule                     phase     | accepted: numbers  others | rejected: numbers  others'];
  for (const h of hits) {
    lines.push(
      `${h.id.padEnd(24)} ${h.phase.padEnd(9)} | ${String(h.acceptedNumbers).padStart(16)} ${String(h.acceptedOthers).padStart(7)} |` +
        ` ${String(h.rejectedNumbers).padStart(17)} ${String(h.rejectedOthers).padStart(7)}${fired(h) ? '' : '   never fires'}`,
    );
  }
  return lines.join('\n');
}

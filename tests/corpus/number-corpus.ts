/**
 * Reads the labelled detection corpus (tests/fixtures/detection/*.jsonl) for tests and
 * scripts/measure-detection.ts. Node only: never imported by extension code.
 *
 * One JSON object a line: { "kind": "business" | "synthetic", "country": "US", "text": "…",
 *   "expect": [{ "text": "(415) 555-0132", "e164": "+14155550132", "ext"?: "204" }] } — every phone number
 * in `text`, in order; anything else that looks like a number is a decoy.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { CountryCode } from 'libphonenumber-js/core';

/** One expected phone number of a corpus line. */
export interface CorpusNumber {
  text: string;
  e164: string;
  ext?: string;
}
/** One corpus line. */
export interface CorpusLine {
  kind: 'business' | 'synthetic';
  country: string;
  text: string;
  expect: CorpusNumber[];
}

/** The corpus folder. */
export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/detection');

/** The lines of each *.jsonl file in `dir`, by file name, in file-name order. */
export function loadCorpusFiles(dir: string = CORPUS_DIR): Array<{ file: string; lines: CorpusLine[] }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((file) => {
      const lines: CorpusLine[] = [];
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .forEach((raw, i) => {
          if (raw.trim().length === 0) return;
          try {
            lines.push(JSON.parse(raw) as CorpusLine);
          } catch (error) {
            throw new Error(`${file} line ${i + 1} is not valid JSON: ${(error as Error).message}`);
          }
        });
      return { file, lines };
    });
}

/** Every line of every *.jsonl file in `dir`. */
export function loadCorpus(dir: string = CORPUS_DIR): CorpusLine[] {
  return loadCorpusFiles(dir).flatMap((f) => f.lines);
}

/** Every expected number with the country its line is read in. */
export function loadCorpusNumbers(dir?: string): Array<{ written: string; country: CountryCode; e164: string }> {
  return loadCorpus(dir).flatMap((line) =>
    line.expect.map((e) => ({ written: e.text, country: line.country as CountryCode, e164: e.e164 })),
  );
}

// `npm test`: every check of the project, with the independent ones side by side instead of one after another.
// Each step is an npm script; a step starts once the steps it needs have passed. Every line a step prints is
// shown as it comes, prefixed with the step's name; at the end a table gives each step's result and time, and a
// failed step's whole output is printed again, in one piece. The first failure stops the steps still running
// (their output so far is kept) and starts no more: the run exits 1 naming the failed step.
//
// The schedule (why these overlap; measured on the 2-core machine, see README "Tests"):
// - typecheck, lint, unit tests and the two builds share nothing and each keeps about one core busy.
// - The Chromium end-to-end suite waits for all of those but the Firefox build (its timing tests want the CPU),
//   the Firefox suite and addons-linter for the Firefox build. The two end-to-end suites run one after the other: each drives its browsers with fixed quiet
//   waits ("nothing happened within 1 s"), which a third browser on two cores would make tight.
//
// `node scripts/run-tests.mjs [step …]` runs only the named steps and what they need (e.g. `e2e`).
import { spawn } from 'node:child_process';

const STEPS = [
  { name: 'typecheck', script: 'typecheck', needs: [] },
  { name: 'lint', script: 'lint', needs: [] },
  { name: 'unit', script: 'test:unit', needs: [] },
  { name: 'build:chrome', script: 'build:chrome', needs: [] },
  { name: 'build:firefox', script: 'build:firefox', needs: [] },
  { name: 'lint:firefox', script: 'lint:firefox', needs: ['build:firefox'] },
  // The content script's 60 KiB budget (scripts/content-size.ts), on the Chrome build.
  { name: 'size', script: 'check:size', needs: ['build:chrome'] },
  // After the quick checks too, so a type or lint error is reported in a minute, not after the browsers; and
  // after the unit tests: run beside the browsers, they took the CPU the first screen's linking slice has to
  // itself (linking.spec's streamed page found 9 of its 20 first rows linked at DOMContentLoaded, not 20).
  { name: 'e2e', script: 'test:e2e', needs: ['build:chrome', 'typecheck', 'lint', 'unit'] },
  { name: 'e2e:firefox', script: 'test:e2e:firefox', needs: ['build:firefox', 'e2e'] },
];

const byName = new Map(STEPS.map((s) => [s.name, s]));
const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!byName.has(name)) {
    console.error(`run-tests: no step "${name}" (steps: ${STEPS.map((s) => s.name).join(', ')})`);
    process.exit(2);
  }
}
/** The steps to run: all, or the named ones with everything they need. */
const selected = new Set();
const select = (name) => {
  if (selected.has(name)) return;
  selected.add(name);
  byName.get(name).needs.forEach(select);
};
(wanted.length ? wanted : STEPS.map((s) => s.name)).forEach(select);
const steps = STEPS.filter((s) => selected.has(s.name));

const width = Math.max(...steps.map((s) => s.name.length));
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const env = { ...process.env, ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}) };

/** name → { status: 'waiting' | 'running' | 'passed' | 'failed' | 'stopped' | 'not run', output, ms, child } */
const state = new Map(steps.map((s) => [s.name, { status: 'waiting', output: '' }]));
let failed = false;

function print(name, text) {
  const prefix = `[${name.padEnd(width)}] `;
  const lines = text.split('\n');
  process.stdout.write(lines.map((line) => prefix + line).join('\n') + '\n');
}

function run(step) {
  const s = state.get(step.name);
  s.status = 'running';
  const t0 = Date.now();
  print(step.name, `started at ${seconds(t0 - started)}: npm run ${step.script}`);
  // Its own process group, so stopping it stops what npm started (the browsers' runners too).
  const child = spawn('npm', ['run', '--silent', step.script], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  s.child = child;
  let pending = '';
  const onData = (chunk) => {
    const text = chunk.toString();
    s.output += text;
    pending += text;
    const end = pending.lastIndexOf('\n');
    if (end === -1) return;
    print(step.name, pending.slice(0, end));
    pending = pending.slice(end + 1);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      if (pending) print(step.name, pending);
      s.ms = Date.now() - t0;
      s.child = undefined;
      if (s.status === 'stopped') return resolve();
      s.status = code === 0 ? 'passed' : 'failed';
      print(step.name, `${s.status} in ${seconds(s.ms)}${code ? ` (exit ${code})` : signal ? ` (${signal})` : ''}`);
      if (s.status === 'failed' && !failed) {
        failed = true;
        for (const [name, other] of state) {
          if (other.status === 'running' && other.child) {
            other.status = 'stopped';
            print(name, `stopped: ${step.name} failed`);
            try {
              process.kill(-other.child.pid, 'SIGTERM');
            } catch {
              // already gone
            }
          }
        }
      }
      resolve();
    });
  });
}

/** Starts every waiting step whose needs have passed; resolves when nothing is running or can start. */
async function schedule() {
  const running = new Set();
  for (;;) {
    if (!failed) {
      for (const step of steps) {
        const s = state.get(step.name);
        if (s.status !== 'waiting') continue;
        if (!step.needs.every((n) => !selected.has(n) || state.get(n).status === 'passed')) continue;
        const p = run(step).then(() => running.delete(p));
        running.add(p);
      }
    }
    if (!running.size) return;
    await Promise.race(running);
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const s of state.values()) {
      if (s.child) {
        try {
          process.kill(-s.child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    process.exit(130);
  });
}

await schedule();
for (const s of state.values()) if (s.status === 'waiting') s.status = 'not run';

const total = Date.now() - started;
const summary = steps.map((step) => {
  const s = state.get(step.name);
  return `  ${step.name.padEnd(width)}  ${s.status.padEnd(7)}  ${s.ms === undefined ? '' : seconds(s.ms)}`;
});
for (const step of steps) {
  const s = state.get(step.name);
  if (s.status !== 'failed') continue;
  process.stdout.write(`\n==== ${step.name} (npm run ${step.script}) failed; its whole output: ====\n${s.output}\n`);
}
process.stdout.write(`\nnpm test: ${failed ? 'FAILED' : 'passed'} in ${seconds(total)}\n${summary.join('\n')}\n`);
process.exit(failed ? 1 : 0);

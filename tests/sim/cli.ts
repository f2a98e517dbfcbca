/**
 * `npm run sim`: starts the PBX simulator on 127.0.0.1 and prints a settings document for each provider,
 * so a new user can try the extension without a PBX. PORT chooses the port (default 4010).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from './server';
import { SIM_PROVIDERS } from './providers';

const port = Number(process.env.PORT ?? 4010);
const sim = await startSimulator({
  host: '127.0.0.1',
  port,
  onRequest(request, status) {
    // Paths only: several APIs carry secrets in the query string.
    console.log(`${new Date().toISOString()} ${request.provider || '-'} ${request.method} ${request.path} → ${status}`);
  },
});

console.log(`PBX simulator listening on ${sim.url}\n`);
const folder = join(tmpdir(), 'pbx-sim');
mkdirSync(folder, { recursive: true });
console.log(`Import one of these files on the options page ("Import settings from a file"), press Save, then`);
console.log('click a number on any page. The extension asks for permission to reach 127.0.0.1 when you save.\n');
const show = (name: string, document: unknown) => {
  const file = join(folder, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`--- ${name}: ${file} ---`);
  console.log(JSON.stringify(document, null, 2));
  console.log();
};
const simulated = SIM_PROVIDERS.map((factory) => factory());
const callLogs = simulated.filter((p) => p.kind === 'callLog').map((p) => p.name);
for (const provider of simulated.filter((p) => p.kind === 'provider'))
  show(provider.name, sim.settingsFor(provider.name));
for (const callLog of callLogs)
  show(`maxotel+${callLog}`, { ...sim.settingsFor('maxotel'), ...sim.settingsFor(callLog) });
console.log('Press Ctrl+C to stop.');

const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * `npm run sim`: starts the PBX simulator on 127.0.0.1 and prints a settings document for each provider,
 * so a new user can try the extension without a PBX. PORT chooses the port (default 4010).
 */
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
console.log('Import one of these documents on the options page (Import → paste), then click a number on any page.');
console.log('The extension asks for permission to reach 127.0.0.1 when you save.\n');
const simulated = SIM_PROVIDERS.map((factory) => factory());
const callLogs = simulated.filter((p) => p.kind === 'callLog').map((p) => p.name);
for (const provider of simulated.filter((p) => p.kind === 'provider')) {
  console.log(`--- ${provider.name} ---`);
  console.log(JSON.stringify(sim.settingsFor(provider.name), null, 2));
  console.log();
}
for (const callLog of callLogs) {
  console.log(`--- maxotel, with calls logged in ${callLog} ---`);
  console.log(JSON.stringify({ ...sim.settingsFor('maxotel'), ...sim.settingsFor(callLog) }, null, 2));
  console.log();
}
console.log('Press Ctrl+C to stop.');

const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

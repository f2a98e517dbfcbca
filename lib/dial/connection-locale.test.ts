/**
 * What a German user reads after "Test connection": the real adapters against the simulator, through
 * testConnection, with the German table. The provider's own result line is German too; the values it names (the
 * extension, the counts) stay as the PBX gave them.
 */
import { describe, expect, it } from 'vitest';
import { CALL_LOGS } from '../calllog/registry';
import { PROVIDERS } from '../providers/registry';
import { english, localeText } from '@/tests/unit/support/locale';
import { fileSimulator, simContext } from '@/tests/unit/support/simulator';
import { testConnection, type ConnectionDeps } from './connection';
import type { CallLogRegistry, ProviderRegistry } from './service';

const sim = await fileSimulator();
const german = localeText('de');

function deps(text: ConnectionDeps['text']): ConnectionDeps {
  return {
    providers: PROVIDERS as unknown as ProviderRegistry,
    callLogs: CALL_LOGS as unknown as CallLogRegistry,
    context: () => simContext(sim),
    now: () => sim.clock.now(),
    text,
  };
}

const document = () => ({ ...sim.settingsFor('3cx'), callLog: sim.settingsFor('helpdeskeddy').callLog });

describe('Test connection, German UI', () => {
  it('gives the provider and call log results in German, with the PBX values as they are', async () => {
    const answer = await testConnection(document(), deps(german));
    expect(answer).toEqual({
      ok: true,
      steps: [
        { name: 'Einstellungen', ok: true, detail: expect.any(String) },
        {
          name: '3CX',
          ok: true,
          detail:
            '3CX hat den API-Client akzeptiert, und die Call Control API darf die Nebenstelle 100 steuern (1 registriertes Gerät).',
        },
        {
          name: 'HelpDeskEddy',
          ok: true,
          detail:
            'HelpDeskEddy hat die E-Mail-Adresse und den API-Schlüssel akzeptiert. API-Limit: 300 Anfragen pro Minute, 299 übrig. Der Schlüssel des Telefonie-Kanals lässt sich nur prüfen, indem eine Anrufkarte angelegt wird, daher wurde er nicht geprüft.',
        },
      ],
    });
  });

  it('an English UI reads the sentences as they were before they moved to the table', async () => {
    const answer = await testConnection(document(), deps(english));
    expect(answer.steps.slice(1).map((s) => s.detail)).toEqual([
      '3CX accepted the API client, and the Call Control API may control extension 100 (1 registered device).',
      'HelpDeskEddy accepted the e-mail and API key. API limit: 300 requests a minute, 299 left. The channel key can only be checked by creating a call card, so it was not checked.',
    ]);
  });

  it.each(Object.keys(PROVIDERS))('%s: the passed test reads differently in German than in English', async (type) => {
    const [de, en] = [
      await testConnection(sim.settingsFor(type), deps(german)),
      await testConnection(sim.settingsFor(type), deps(english)),
    ];
    expect([de.ok, en.ok], JSON.stringify(de.steps)).toEqual([true, true]);
    const [deDetail, enDetail] = [de.steps[1]!.detail, en.steps[1]!.detail];
    expect(deDetail).not.toBe(enDetail);
    expect(deDetail).not.toMatch(/^test_/);
  });
});

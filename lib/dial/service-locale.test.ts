/**
 * What a German user reads (issue 16): every notification, the dial's answer, the popup's last error, the history
 * and the badge come from the locale table; only the provider's own words stay as the provider gave them.
 */
import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, ProviderError, type ErrorKind } from '../providers/types';
import type { HistoryEntry } from '../messages';
import { english, localeText, messageTable } from '@/tests/unit/support/locale';
import { HISTORY_KEY } from './history';
import { errorKindText, failureText } from './service';
import { badgeFor, STATUS_KEY } from './status';
import { API_KEY, harness, HDE_CALL_LOG, settingsWith } from '@/tests/unit/support/dial-fakes';

const german = localeText('de');
const history = (h: ReturnType<typeof harness>) => (h.area.data[HISTORY_KEY] ?? []) as HistoryEntry[];

/** Words that only appear in the English sentences of these messages. */
const ENGLISH = /\b(the|failed|could not|did not|Click|Call to|your)\b/;
const WORDS = 'ERR_42: Nebenstelle 101 not registered';

function failing(kind: ErrorKind, status = 403) {
  return new ProviderError(kind, 'An English summary the adapter wrote', {
    provider: 'MaxoTel',
    status,
    providerMessage: WORDS,
    step: 'dial',
  });
}

describe('a failed call, German UI', () => {
  it('has a German sentence for every error kind in the table, different from the English one', () => {
    const de = messageTable('de');
    for (const kind of ERROR_KINDS) {
      const key = errorKindText(kind, 'MaxoTel').key;
      expect(de[key], key).toBeDefined();
      expect(german(errorKindText(kind, 'MaxoTel')), kind).not.toBe(english(errorKindText(kind, 'MaxoTel')));
    }
  });

  it.each(ERROR_KINDS)('%s: the notification, answer, last error and history are German', async (kind) => {
    const h = harness(settingsWith(), { text: german });
    h.provider.answerWith(async () => {
      throw failing(kind);
    });
    const answer = await h.service.dial({ number: '+14155550132', source: 'link' });
    const reason = german(errorKindText(kind, 'MaxoTel'));

    expect(h.notices).toHaveLength(1);
    const [notice] = h.notices;
    expect(notice!.title).toBe('Anruf fehlgeschlagen');
    expect(notice!.message).toBe(
      `${reason} (HTTP 403) (MaxoTel meldete: „${WORDS}“) Klicken Sie hier, um die Einstellungen zu öffnen.`,
    );
    expect(notice!.message).not.toContain('An English summary');
    expect(notice!.message.replace(WORDS, '')).not.toMatch(ENGLISH);
    expect(notice!.opensSettings).toBe(true);

    expect(answer.message).toBe(
      `Anruf bei +1 415 555 0132 fehlgeschlagen: ${reason} (HTTP 403) (MaxoTel meldete: „${WORDS}“)`,
    );
    expect(h.area.data[STATUS_KEY]).toEqual({ lastError: { time: h.clock.now, message: answer.message } });
    expect(history(h)[0]).toMatchObject({ result: 'failed', errorKind: kind, message: answer.message });
    expect(german(badgeFor({ configured: true, lastError: { time: 1, message: answer.message } }).title)).toBe(
      `PBX Click-to-Dial: ${answer.message}`,
    );
  });

  it("keeps the provider's own words exactly, and gives the status only once", () => {
    const text = failureText(failing('auth', 401), german).text;
    expect(text).toContain(`„${WORDS}“`);
    expect(text.match(/401/g)).toHaveLength(1);
    // A status of 200 (Yeastar answers failures with it) says nothing: left out.
    expect(failureText(failing('auth', 200), german).text).not.toContain('HTTP');
  });

  it('an English UI still reads the adapter’s own, more specific summary', () => {
    expect(failureText(failing('auth', 401), english).text).toBe(
      `An English summary the adapter wrote (MaxoTel said: "${WORDS}")`,
    );
  });

  it('a failure that is no ProviderError is German too', () => {
    expect(failureText(new Error('boom'), german).text).toBe('Etwas Unerwartetes ist schiefgegangen: boom');
  });

  it('a timeout of the whole dial is German', async () => {
    const h = harness(settingsWith(), { text: german, timeoutMs: 20 });
    h.provider.answerWith(() => new Promise(() => undefined));
    const answer = await h.service.dial({ number: '+14155550132', source: 'link' });
    expect(answer.message).toBe(
      'Anruf bei +1 415 555 0132 fehlgeschlagen: MaxoTel hat nicht innerhalb von 0 Sekunden geantwortet. ' +
        'Der Anruf kann trotzdem noch zustande kommen: Sehen Sie auf Ihr Telefon, bevor Sie es erneut versuchen.',
    );
    expect(h.notices[0]!.title).toBe('Anruf fehlgeschlagen');
  });
});

describe('the other notifications, German UI', () => {
  it('a placed call, with the own extension and one to ask for', async () => {
    const h = harness(settingsWith(), { text: german });
    const answer = await h.service.dial({ number: '+14155550132;ext=204', source: 'link' });
    expect(answer.message).toBe(
      '+1 415 555 0132 ext. 204 wird angerufen: Zuerst klingelt Ihr Telefon, Nebenstelle 101. ' +
        'Fragen Sie nach der Annahme nach Durchwahl 204',
    );
    expect(h.notices).toEqual([{ title: 'Anruf wird aufgebaut', message: answer.message, opensSettings: false }]);
  });

  it('not set up', async () => {
    const h = harness(settingsWith({ provider: null }), { text: german });
    const answer = await h.service.dial({ number: '+14155550132', source: 'link' });
    expect(h.notices).toEqual([
      { title: 'Richten Sie zuerst Ihre Telefonanlage ein', message: answer.message, opensSettings: true },
    ]);
    expect(answer.message).toMatch(/^PBX Click-to-Dial ist noch nicht eingerichtet/);
    expect(german(badgeFor({ configured: false }).title)).toMatch(/ist nicht eingerichtet/);
  });

  it('no access to the PBX host', async () => {
    const h = harness(settingsWith({ provider: { type: 'maxotel', apiKey: API_KEY, extension: '101' } }), {
      text: german,
    });
    h.deps.missingHostAccess = async (origins) => origins;
    const answer = await h.service.dial({ number: '+14155550132', source: 'link' });
    expect(h.notices[0]!.title).toBe('Zugriff auf Ihre Telefonanlage erlauben');
    expect(answer.message).toBe(
      'Der Browser hat PBX Click-to-Dial den Zugriff auf https://myapi.maxo.com.au nicht erlaubt, daher wurde ' +
        '+1 415 555 0132 nicht angerufen. Klicken Sie hier, dann auf „Zugriff erlauben“.',
    );
  });

  it('an emergency number and text that is no number', async () => {
    const h = harness(settingsWith(), { text: german });
    await h.service.dial({ number: '112', source: 'popup' });
    await h.service.dial({ number: 'pizza', source: 'popup' });
    await h.service.dial({ number: '123', source: 'popup', country: 'DE' });
    expect(h.notices.map((n) => n.title)).toEqual([
      'Notrufnummer nicht gewählt',
      'Keine Telefonnummer',
      'Keine Telefonnummer',
    ]);
    expect(h.notices[0]!.message).toMatch(/^112 ist eine Notrufnummer/);
    expect(h.notices[1]!.message).toBe('„pizza“ ist keine Telefonnummer.');
    expect(h.notices[2]!.message).toBe(
      '„123“ ist keine gültige Telefonnummer in DE oder US. Liegt sie im Ausland, ergänzen Sie die Landesvorwahl ' +
        '(zum Beispiel +61 412 345 678).',
    );
  });

  it('a repeat and a cancelled confirmation', async () => {
    const h = harness(settingsWith({ dialing: { confirm: true } }), { text: german });
    h.answerConfirm(false);
    const cancelled = await h.service.dial({ number: '+14155550132', source: 'popup' });
    expect(cancelled.message).toBe('Anruf bei +1 415 555 0132 abgebrochen.');
    h.answerConfirm(true);
    await h.service.dial({ number: '+14155550132', source: 'popup' });
    const repeat = await h.service.dial({ number: '+14155550132', source: 'popup' });
    expect(repeat.message).toBe(
      '+1 415 555 0132 wird schon angerufen: Eine Wiederholung innerhalb von 3 Sekunden wird ignoriert.',
    );
  });

  it("a failed call log is a German warning with the log's own words", async () => {
    const h = harness(
      settingsWith({
        callLog: HDE_CALL_LOG,
      }),
      { text: german },
    );
    h.failCallLog(
      new ProviderError('auth', 'HelpDeskEddy rejected the e-mail or API key', {
        provider: 'HelpDeskEddy',
        status: 401,
        providerMessage: 'Unauthorized',
      }),
    );
    const answer = await h.service.dial({ number: '+14155550132', source: 'link' });
    expect(answer.warning).toBe(
      'Der Anruf wurde nicht in HelpDeskEddy protokolliert: HelpDeskEddy hat die Zugangsdaten aus den ' +
        'Einstellungen nicht angenommen: Bitte prüfen Sie sie. (HTTP 401) (HelpDeskEddy meldete: „Unauthorized“)',
    );
  });
});

/**
 * Twilio: lists the account's numbers and verified caller IDs (the provider action `listNumbers`) so the caller ID
 * is picked, not typed. Shown under the Twilio fields of the PBX section.
 */
import { useState } from 'preact/hooks';
import { t } from '@/components/i18n';
import type { ProviderActionResponse } from '@/lib/messages';
import * as api from './api';
import type { FormApi } from './form-api';

type ListState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; response: ProviderActionResponse }
  | { phase: 'error'; message: string };

export function TwilioTools({ api: formApi, onPick }: { api: FormApi; onPick: (number: string) => void }) {
  const [state, setState] = useState<ListState>({ phase: 'idle' });
  const values = formApi.form.providers.twilio ?? {};
  const ready = Boolean(values.accountSid?.trim() && values.apiKeySid?.trim() && values.apiKeySecret?.trim());
  const locked = formApi.locked('provider.callerId');

  async function run() {
    setState({ phase: 'running' });
    try {
      const response = await api.providerAction(formApi.document, 'listNumbers');
      if (!response || !Array.isArray(response.items)) throw new Error(t('no_answer'));
      setState({ phase: 'done', response });
    } catch (error) {
      setState({ phase: 'error', message: t('background_failed', (error as Error).message) });
    }
  }

  return (
    <fieldset class="kazoo-tools">
      <legend>{t('twilio_tools_legend')}</legend>
      <p class="help">{ready ? t('twilio_tools_help') : t('twilio_tools_need_key')}</p>
      <button type="button" disabled={!ready || locked || state.phase === 'running'} onClick={() => run()}>
        {t('twilio_list')}
      </button>
      <div role="status" aria-live="polite">
        {state.phase === 'running' && <p>{t('twilio_running')}</p>}
        {state.phase === 'error' && <p class="notice error">{state.message}</p>}
        {state.phase === 'done' && !state.response.ok && (
          <p class="notice error">{state.response.message ?? t('twilio_failed')}</p>
        )}
        {state.phase === 'done' && state.response.ok && state.response.items.length === 0 && <p>{t('twilio_none')}</p>}
      </div>
      {state.phase === 'done' && state.response.items.length > 0 && (
        <fieldset class="kazoo-list">
          <legend>{t('twilio_pick_legend')}</legend>
          {state.response.items.map((item, i) => (
            <div class="field checkbox" key={item.id}>
              <input
                type="radio"
                name="twilio-caller-id"
                id={`twilio-number-${i}`}
                value={item.id}
                checked={values.callerId === item.id}
                onChange={() => {
                  formApi.touch('provider.callerId');
                  onPick(item.id);
                }}
              />
              <label for={`twilio-number-${i}`}>
                <code>{item.id}</code> {item.name}
              </label>
            </div>
          ))}
        </fieldset>
      )}
    </fieldset>
  );
}

/**
 * The PBX section: the provider picker, that provider's fields with their help, Test connection and,
 * for Kazoo, picking or creating the click-to-call object (for Twilio, picking the caller ID: ./TwilioTools.tsx);
 * for the custom request, desk-phone presets (./DeskPhonePresets.tsx).
 */
import { useState } from 'preact/hooks';
import { SelectField, TextField } from '@/components/Field';
import { t } from '@/components/i18n';
import type { ProviderActionResponse, TestConnectionResponse } from '@/lib/messages';
import { PROVIDER_NUMBER_FORMATS, PROVIDER_TYPES, type ProviderType } from '@/lib/settings/schema';
import { providerFieldViews, providerTextKeys } from '@/lib/ui/fields';
import { emptyProviderValues, problemsAt } from '@/lib/ui/form';
import * as api from './api';
import { fieldId, type FormApi } from './form-api';
import { SchemaField } from './SchemaField';
import { DeskPhonePresets } from './DeskPhonePresets';
import { TwilioTools } from './TwilioTools';

type TestState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; response: TestConnectionResponse }
  | { phase: 'error'; message: string };

export function ProviderSection({ api: formApi }: { api: FormApi }) {
  const { form } = formApi;
  const type = form.providerType;
  const [test, setTest] = useState<TestState>({ phase: 'idle' });

  function setValues(values: Record<string, string>) {
    formApi.update((f) => {
      if (!f.providerType) return f;
      const current = f.providers[f.providerType] ?? emptyProviderValues(f.providerType);
      return { ...f, providers: { ...f.providers, [f.providerType]: { ...current, ...values } } };
    });
  }
  const setValue = (name: string, value: string) => setValues({ [name]: value });

  async function runTest() {
    const providerProblems = problemsAt(formApi.problems, 'provider');
    if (providerProblems.length) {
      setTest({ phase: 'error', message: t('test_fix_first', providerProblems.join('; ')) });
      return;
    }
    setTest({ phase: 'running' });
    try {
      const response = await api.testConnection(formApi.document);
      if (!response || !Array.isArray(response.steps)) throw new Error(t('no_answer'));
      setTest({ phase: 'done', response });
    } catch (error) {
      setTest({ phase: 'error', message: t('background_failed', (error as Error).message) });
    }
  }

  const values = type ? (form.providers[type] ?? emptyProviderValues(type)) : {};

  return (
    <section aria-labelledby="sec-provider">
      <h2 id="sec-provider">{t('section_provider')}</h2>
      <SelectField
        id={fieldId('provider.type')}
        label={t('provider_picker_label')}
        help={type ? t(providerTextKeys(type).intro) : t('provider_picker_help')}
        locked={formApi.locked('provider.type')}
        errors={formApi.errorsAt('provider.type')}
        value={type}
        options={[
          { value: '', label: t('provider_none') },
          ...PROVIDER_TYPES.map((p) => ({ value: p, label: t(providerTextKeys(p).name) })),
        ]}
        onChange={(value) => {
          formApi.touch('provider.type');
          setTest({ phase: 'idle' });
          const formatLocked = formApi.locked('dialing.numberFormat');
          formApi.update((f) => {
            const next = value as ProviderType | '';
            if (!next) return { ...f, providerType: '' };
            const providers = f.providers[next] ? f.providers : { ...f.providers, [next]: emptyProviderValues(next) };
            // Each PBX expects its own number format (issue 14): picking one sets it, unless a policy fixed it.
            const dialing = formatLocked ? f.dialing : { ...f.dialing, numberFormat: PROVIDER_NUMBER_FORMATS[next] };
            return { ...f, providerType: next, providers, dialing };
          });
        }}
      />

      {type && (
        <p class="help" id="provider-format-help">
          {t(providerTextKeys(type).format)}
        </p>
      )}

      {type && (
        <fieldset class="provider-fields">
          <legend>{t('provider_fields_legend', t(providerTextKeys(type).name))}</legend>
          {providerFieldViews(type).map((view) => (
            <SchemaField
              key={`${type}.${view.name}`}
              api={formApi}
              view={view}
              value={values[view.name] ?? ''}
              onInput={(v) => setValue(view.name, v)}
            />
          ))}
        </fieldset>
      )}

      {type === 'custom' && <DeskPhonePresets api={formApi} onFill={setValues} />}

      {type === 'kazoo' && <KazooTools api={formApi} onPick={(id) => setValue('clickToCallId', id)} />}
      {type === 'twilio' && <TwilioTools api={formApi} onPick={(number) => setValue('callerId', number)} />}

      {type && (
        <div class="test">
          <button type="button" onClick={runTest} disabled={test.phase === 'running'}>
            {t('test_button')}
          </button>
          <p class="help">{t('test_help')}</p>
          <div role="status" aria-live="polite" class="test-result">
            {test.phase === 'running' && <p>{t('test_running')}</p>}
            {test.phase === 'error' && <p class="notice error">{test.message}</p>}
            {test.phase === 'done' && <TestResult response={test.response} />}
          </div>
        </div>
      )}
    </section>
  );
}

function TestResult({ response }: { response: TestConnectionResponse }) {
  return (
    <div class={`notice ${response.ok ? 'ok' : 'error'}`}>
      <p>
        <strong>{response.ok ? t('test_ok') : t('test_failed')}</strong>
      </p>
      <ol class="steps">
        {response.steps.map((step, i) => (
          <li key={i}>
            <span aria-hidden="true">{step.ok ? '✓ ' : '✗ '}</span>
            <span class="visually-hidden">{step.ok ? t('step_passed') : t('step_failed')}: </span>
            <strong>{step.name}</strong>: {step.detail}
          </li>
        ))}
      </ol>
    </div>
  );
}

type KazooState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; response: ProviderActionResponse }
  | { phase: 'error'; message: string };

/** Lists the account's click-to-call objects (needs the API key) to pick one, or creates one. */
function KazooTools({ api: formApi, onPick }: { api: FormApi; onPick: (id: string) => void }) {
  const [state, setState] = useState<KazooState>({ phase: 'idle' });
  const [extension, setExtension] = useState('');
  const values = formApi.form.providers.kazoo ?? {};
  const ready = Boolean(values.baseUrl?.trim() && values.accountId?.trim() && values.apiKey?.trim());
  const locked = formApi.locked('provider.clickToCallId');
  const extensionOk = /^[0-9*#]{1,20}$/.test(extension.trim());

  async function run(createFor?: string) {
    setState({ phase: 'running' });
    try {
      const response =
        createFor === undefined
          ? await api.providerAction(formApi.document, 'listClickToCalls')
          : await api.providerAction(formApi.document, 'createClickToCall', createFor);
      if (!response || !Array.isArray(response.items)) throw new Error(t('no_answer'));
      if (response.createdId) onPick(response.createdId);
      setState({ phase: 'done', response });
    } catch (error) {
      setState({ phase: 'error', message: t('background_failed', (error as Error).message) });
    }
  }

  return (
    <fieldset class="kazoo-tools">
      <legend>{t('kazoo_tools_legend')}</legend>
      <p class="help">{ready ? t('kazoo_tools_help') : t('kazoo_tools_need_key')}</p>
      <button type="button" disabled={!ready || locked || state.phase === 'running'} onClick={() => run()}>
        {t('kazoo_list')}
      </button>
      <div class="kazoo-create">
        <TextField
          id="kazoo-create-extension"
          label={t('kazoo_create_label')}
          type="tel"
          value={extension}
          locked={locked}
          errors={extension && !extensionOk ? [t('kazoo_create_bad_extension')] : []}
          onInput={setExtension}
        />
        <button
          type="button"
          disabled={!ready || locked || !extensionOk || state.phase === 'running'}
          onClick={() => run(extension.trim())}
        >
          {t('kazoo_create')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {state.phase === 'running' && <p>{t('kazoo_running')}</p>}
        {state.phase === 'error' && <p class="notice error">{state.message}</p>}
        {state.phase === 'done' && !state.response.ok && (
          <p class="notice error">{state.response.message ?? t('kazoo_failed')}</p>
        )}
        {state.phase === 'done' && state.response.ok && state.response.createdId && (
          <p class="notice ok">{t('kazoo_created', state.response.createdId)}</p>
        )}
        {state.phase === 'done' && state.response.ok && state.response.items.length === 0 && <p>{t('kazoo_none')}</p>}
      </div>
      {state.phase === 'done' && state.response.items.length > 0 && (
        <fieldset class="kazoo-list">
          <legend>{t('kazoo_pick_legend')}</legend>
          {state.response.items.map((item) => (
            <div class="field checkbox" key={item.id}>
              <input
                type="radio"
                name="kazoo-c2c"
                id={`c2c-${item.id}`}
                value={item.id}
                checked={values.clickToCallId === item.id}
                onChange={() => {
                  formApi.touch('provider.clickToCallId');
                  onPick(item.id);
                }}
              />
              <label for={`c2c-${item.id}`}>
                {t('kazoo_item', item.name || item.id, item.extension || '?')} <code>{item.id}</code>
              </label>
            </div>
          ))}
        </fieldset>
      )}
    </fieldset>
  );
}

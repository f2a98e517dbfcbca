/**
 * The custom provider's desk-phone presets (issue 12): pick the phone, type its address and web credentials,
 * and the method, URL, headers and body are filled in (lib/providers/desk-phones.ts). Nothing is saved until
 * the person presses Save, like any other edit.
 */
import { useState } from 'preact/hooks';
import { SelectField, TextField } from '@/components/Field';
import { t } from '@/lib/i18n/translate';
import { DESK_PHONE_PRESETS, deskPhoneRequest, type DeskPhoneId } from '@/lib/providers/desk-phones';
import { headersToText } from '@/lib/ui/form';
import type { FormApi } from './form-api';

const FILLED = ['method', 'url', 'headers', 'body'] as const;

/** What to turn on at each phone before its command works. */
const SETUP_HELP: Record<DeskPhoneId, () => string> = {
  yealink: () => t('deskphone_yealink_help'),
  snom: () => t('deskphone_snom_help'),
  grandstream: () => t('deskphone_grandstream_help'),
  poly: () => t('deskphone_poly_help'),
  fanvil: () => t('deskphone_fanvil_help'),
};

export function DeskPhonePresets({
  api: formApi,
  onFill,
}: {
  api: FormApi;
  onFill: (values: Record<(typeof FILLED)[number], string>) => void;
}) {
  const [id, setId] = useState<DeskPhoneId | ''>('');
  const [address, setAddress] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const preset = DESK_PHONE_PRESETS.find((p) => p.id === id);
  const locked = FILLED.some((name) => formApi.locked(`provider.${name}`));

  function fill() {
    if (!preset) return;
    const filled = deskPhoneRequest(preset, { address, username, password });
    if (!filled.ok) {
      setOutcome({ ok: false, text: filled.problems.join(' ') });
      return;
    }
    const { method, url, headers, body } = filled.request;
    onFill({ method, url, headers: headersToText(headers), body });
    for (const name of FILLED) formApi.touch(`provider.${name}`);
    // A desk phone dials what a person would type on it: national numbers at home (unless a policy decides).
    if (!formApi.locked('dialing.numberFormat')) {
      formApi.update((f) => ({ ...f, dialing: { ...f.dialing, numberFormat: 'dialable' } }));
    }
    setOutcome({ ok: true, text: t('deskphone_filled', preset.label) });
  }

  return (
    <fieldset class="desk-phones">
      <legend>{t('deskphone_legend')}</legend>
      <p class="help">{t('deskphone_help')}</p>
      <SelectField
        id="deskphone-model"
        label={t('deskphone_model')}
        value={id}
        locked={locked}
        options={[
          { value: '', label: t('deskphone_none') },
          ...DESK_PHONE_PRESETS.map((p) => ({ value: p.id, label: p.label })),
        ]}
        onChange={(value) => {
          setId(value as DeskPhoneId | '');
          setOutcome(null);
        }}
      />
      {preset && (
        <>
          <p class="help">
            {t('deskphone_source')}{' '}
            <a href={preset.source.url} target="_blank" rel="noreferrer noopener">
              {preset.source.title}
            </a>
          </p>
          <p class="help">{SETUP_HELP[preset.id]()}</p>
          <TextField
            id="deskphone-address"
            label={t('deskphone_address')}
            value={address}
            placeholder="192.168.1.20"
            onInput={setAddress}
          />
          {preset.usesUsername && (
            <TextField
              id="deskphone-username"
              label={t('deskphone_username')}
              value={username}
              placeholder={preset.defaultUsername}
              onInput={setUsername}
            />
          )}
          <TextField
            id="deskphone-password"
            label={t('deskphone_password')}
            type="password"
            autoComplete="off"
            value={password}
            onInput={setPassword}
          />
          <button type="button" disabled={locked} onClick={fill}>
            {t('deskphone_fill')}
          </button>
        </>
      )}
      <div role="status" aria-live="polite">
        {outcome && <p class={`notice ${outcome.ok ? 'ok' : 'error'}`}>{outcome.text}</p>}
      </div>
    </fieldset>
  );
}

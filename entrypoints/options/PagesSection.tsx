/** Pages: linking numbers in page text, tel-link handling, and the sites left alone. */
import { CheckboxField, TextField } from '@/components/Field';
import { t } from '@/lib/i18n/translate';
import { fieldId, type FormApi } from './form-api';

export function PagesSection({ api }: { api: FormApi }) {
  const { pages } = api.form;
  return (
    <section aria-labelledby="sec-pages">
      <h2 id="sec-pages">{t('section_pages')}</h2>
      <CheckboxField
        id={fieldId('pages.linkify')}
        label={t('pages_linkify_label')}
        help={t('pages_linkify_help')}
        locked={api.locked('pages.linkify')}
        checked={pages.linkify}
        onChange={(v) => {
          api.touch('pages.linkify');
          api.update((f) => ({ ...f, pages: { ...f.pages, linkify: v } }));
        }}
      />
      <CheckboxField
        id={fieldId('pages.telLinks')}
        label={t('pages_tellinks_label')}
        help={t('pages_tellinks_help')}
        locked={api.locked('pages.telLinks')}
        checked={pages.telLinks}
        onChange={(v) => {
          api.touch('pages.telLinks');
          api.update((f) => ({ ...f, pages: { ...f.pages, telLinks: v } }));
        }}
      />
      <TextField
        id={fieldId('pages.blockedSites')}
        label={t('pages_blocked_label')}
        help={t('pages_blocked_help')}
        multiline
        locked={api.locked('pages.blockedSites')}
        errors={api.errorsAt('pages.blockedSites')}
        value={pages.blockedSites}
        placeholder={'crm.example.com\n*.bank.example'}
        onInput={(v) => {
          api.touch('pages.blockedSites');
          api.update((f) => ({ ...f, pages: { ...f.pages, blockedSites: v } }));
        }}
      />
    </section>
  );
}

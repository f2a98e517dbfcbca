import { browser } from 'wxt/browser';
import type { Notice } from '@/lib/dial/service';
import { t } from '@/components/i18n';

/** Notification ids with this prefix open the options page when clicked (the id survives a worker restart). */
export const SETTINGS_NOTICE_PREFIX = 'pbx-settings:';
const INFO_NOTICE_PREFIX = 'pbx-info:';

let counter = 0;

/** Shows one notification with the extension's icon. */
export async function showNotice(notice: Notice): Promise<void> {
  counter += 1;
  const id = `${notice.opensSettings ? SETTINGS_NOTICE_PREFIX : INFO_NOTICE_PREFIX}${Date.now()}-${counter}`;
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icons/128.png'),
    title: notice.title,
    message: notice.message,
    ...(notice.opensSettings ? { contextMessage: t('notice_context_settings') } : {}),
  });
}

/** Clicking a failure (or "not set up") notification opens the options page. */
export function registerNotificationClicks(): void {
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(SETTINGS_NOTICE_PREFIX)) return;
    void browser.runtime.openOptionsPage();
    void browser.notifications.clear(id);
  });
}

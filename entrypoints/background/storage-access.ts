/** The part of a storage area this needs; Chrome 102+ has `setAccessLevel` on every area, Firefox on session only. */
export interface AccessLevelArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }) => Promise<void>;
}

/**
 * Keeps `storage.local` (credentials, history) out of content scripts: they run in web pages' processes, so a
 * compromised page process could otherwise read the PBX key (issue 15). Our content script never reads storage;
 * it asks the background. Firefox has no access level for `local` (content scripts there cannot be limited this
 * way, https://bugzilla.mozilla.org/show_bug.cgi?id=1724754): the call is made and its refusal is logged once.
 * The level persists, so doing it at every start-up is only a guard against a changed default.
 */
export async function restrictStorage(area: AccessLevelArea, log: (message: string) => void): Promise<boolean> {
  if (typeof area.setAccessLevel !== 'function') {
    log('PBX Click-to-Dial: this browser cannot keep extension storage from content scripts');
    return false;
  }
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch (error) {
    log(`PBX Click-to-Dial: could not keep extension storage from content scripts (${(error as Error).message})`);
    return false;
  }
}

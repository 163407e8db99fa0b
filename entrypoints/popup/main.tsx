// The toolbar popup: fetches the current tab's claims, the settings and the active packs, and wires
// PopupView's callbacks to the protocol (messaging/protocol.ts) and the settings (messaging/settings.ts).
//
// Messages used: getTabClaims, getPackStatus (background), revealClaim (content script of the tab).
// Nothing is missing from the protocol for the popup today. One limit: without the "tabs"
// permission the popup cannot read a tab's address, so for a page that has not reported (opened
// before ClaimLens was installed, or a browser page) it cannot offer "Pause on <site>".
//
// `popup.html?tabId=N` shows tab N instead of the active tab (end-to-end tests open the popup in a
// tab of its own, where the active tab would be the popup itself).

import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PopupView, type ActivePack, type PopupStatus } from '../../components/PopupView';
import { sendMessage, type TabClaims } from '../../messaging/protocol';
import {
  isSitePaused,
  readSettings,
  setSitePaused,
  updateSettings,
  watchSettings,
  type Settings,
} from '../../messaging/settings';
import { browserTranslate } from '../../ui/browser-i18n';
import { mountPage } from '../../ui/page';

const t = browserTranslate();

/** A page reports again after each rescan; while the popup is open it asks for news this often. */
const REFRESH_MS = 1000;

async function targetTabId(): Promise<number | null> {
  const requested = new URLSearchParams(location.search).get('tabId');
  if (requested !== null && /^\d+$/.test(requested)) return Number(requested);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function PopupApp() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [claims, setClaims] = useState<TabClaims | null>(null);
  const [status, setStatus] = useState<PopupStatus>('loading');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [packs, setPacks] = useState<ActivePack[]>([]);

  const refreshClaims = useCallback(async (id: number) => {
    try {
      const latest = await sendMessage('getTabClaims', { tabId: id });
      setClaims(latest);
      setStatus(latest === null ? 'unread' : 'ready');
    } catch (error) {
      console.error('ClaimLens: could not get the tab’s claims', error);
      setStatus('error');
    }
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    void (async () => {
      const id = await targetTabId();
      setTabId(id);
      if (id === null) {
        setStatus('unread');
        return;
      }
      await refreshClaims(id);
      timer = setInterval(() => void refreshClaims(id), REFRESH_MS);
    })();
    readSettings().then(setSettings, (error: unknown) => {
      console.error('ClaimLens: could not read settings', error);
      setStatus('error');
    });
    sendMessage('getPackStatus').then(
      (packStatus) => setPacks(packStatus.packs),
      (error: unknown) => console.error('ClaimLens: could not get the packs', error),
    );
    const stopWatching = watchSettings(setSettings);
    return () => {
      clearInterval(timer);
      stopWatching();
    };
  }, [refreshClaims]);

  const site = claims?.hostname || undefined;
  const current = settings ?? { enabled: true, pausedSites: [] };
  const paused = site !== undefined && isSitePaused(current, site);
  // Just after a resume or a switch-on, the page's last report still says it was idle: wait for
  // its rescan rather than say "no claims".
  const awaitingRescan =
    current.enabled && !paused && claims !== null && claims.status !== 'active';
  return (
    <PopupView
      t={t}
      status={status === 'ready' && (settings === null || awaitingRescan) ? 'loading' : status}
      site={site}
      matches={claims?.status === 'active' ? claims.matches : []}
      packs={packs}
      enabled={current.enabled}
      paused={paused}
      onReveal={(index) => {
        if (tabId === null) return;
        sendMessage('revealClaim', { index }, tabId).catch((error: unknown) =>
          console.error('ClaimLens: could not reveal the claim', error),
        );
      }}
      onPausedChange={(paused) => {
        if (site === undefined) return;
        setSitePaused(site, paused).then(setSettings, (error: unknown) =>
          console.error('ClaimLens: could not change the paused sites', error),
        );
      }}
      onEnabledChange={(enabled) => {
        updateSettings(() => ({ enabled })).then(setSettings, (error: unknown) =>
          console.error('ClaimLens: could not switch ClaimLens', error),
        );
      }}
      onOpenOptions={() => {
        void browser.runtime.openOptionsPage();
      }}
    />
  );
}

mountPage(<PopupApp />, t, 'extName');

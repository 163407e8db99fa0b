// The options page: reads the settings and the installed packs, and wires OptionsView's callbacks
// to the settings in browser.storage.local (messaging/settings.ts) and to the background for
// installing and removing packs. Content scripts follow the stored settings live, so a change
// applies to open pages at once; a new set of packs reaches each open page on its next load.

import { useEffect, useState } from 'preact/hooks';
import { OptionsView, type InstalledPack, type PackMessage } from '../../components/OptionsView';
import { sendMessage } from '../../messaging/protocol';
import {
  DEFAULT_SETTINGS,
  HIGHLIGHT_PALETTE,
  normalizeHostname,
  readSettings,
  setSitePaused,
  updateSettings,
  watchSettings,
  type Settings,
} from '../../messaging/settings';
import { browserTranslate } from '../../ui/browser-i18n';
import { mountPage } from '../../ui/page';
import { installPackFile } from './install';

const t = browserTranslate();

function report(what: string) {
  return (error: unknown) => console.error(`ClaimLens: could not ${what}`, error);
}

function OptionsApp() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [packs, setPacks] = useState<InstalledPack[]>([]);
  const [packProblems, setPackProblems] = useState<string[]>([]);
  const [packMessage, setPackMessage] = useState<PackMessage | null>(null);

  const refreshPacks = () =>
    sendMessage('getPackStatus').then((status) => {
      setPacks(status.packs);
      setPackProblems(status.problems);
    }, report('get the installed packs'));

  useEffect(() => {
    readSettings().then(setSettings, report('read the settings'));
    void refreshPacks();
    // Another window (or the popup) may change the settings while this page is open.
    return watchSettings(setSettings);
  }, []);

  return (
    <OptionsView
      t={t}
      pausedSites={settings.pausedSites}
      highlightStyle={settings.highlightStyle}
      highlightColor={settings.highlightColor}
      palette={HIGHLIGHT_PALETTE}
      packs={packs}
      packProblems={packProblems}
      packMessage={packMessage}
      onInstallFile={(file) => {
        setPackMessage({ kind: 'installing', fileName: file.name });
        void installPackFile(file, (request) => sendMessage('installPack', request)).then(
          (message) => {
            setPackMessage(message);
            return refreshPacks();
          },
        );
      }}
      onRemovePack={(pack) => {
        sendMessage('removePack', { id: pack.id })
          .then((result) => {
            setPackMessage({ kind: 'remove', result });
            return refreshPacks();
          })
          .catch(report('remove the pack'));
      }}
      normalizeSite={normalizeHostname}
      onAddSite={(site) => {
        setSitePaused(site, true).then(setSettings, report('pause the site'));
      }}
      onRemoveSite={(site) => {
        // Remove exactly this entry (resuming a subdomain would also drop a listed parent).
        updateSettings(({ pausedSites }) => ({
          pausedSites: pausedSites.filter((entry) => entry !== site),
        })).then(setSettings, report('remove the site'));
      }}
      onHighlightStyleChange={(highlightStyle) => {
        updateSettings(() => ({ highlightStyle })).then(setSettings, report('change the style'));
      }}
      onHighlightColorChange={(highlightColor) => {
        updateSettings(() => ({ highlightColor })).then(setSettings, report('change the colour'));
      }}
    />
  );
}

mountPage(<OptionsApp />, t, 'options_title');

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import basemapSources from '../../../resources/basemap/sources.json';
import type { MapManifest } from './mapManifest';
import { useMapUiStore } from './mapUiStore';

/** About the map: every source of the basemap, the street basemap and the operator's layers, with its licence. */
export function CreditsDialog(props: { manifest: MapManifest }) {
  const { t } = useTranslation();
  const open = useMapUiStore((state) => state.creditsOpen);
  const setOpen = useMapUiStore((state) => state.setCreditsOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  const streetCredit = useMapUiStore((state) => state.streetCredit);
  const operatorCredits = [
    ...(streetCredit ? [streetCredit] : []),
    ...props.manifest.layers.flatMap((layer) => (layer.attribution ? [layer.attribution] : [])),
  ];
  return (
    <dialog
      ref={dialog}
      className="map-credits"
      aria-labelledby="map-credits-title"
      data-testid="map-credits-dialog"
      onClose={() => setOpen(false)}
    >
      <h2 id="map-credits-title">{t('map.creditsTitle')}</h2>
      <p>{t('map.creditsIntro')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('map.creditsSource')}</th>
            <th scope="col">{t('map.creditsLicence')}</th>
          </tr>
        </thead>
        <tbody>
          {basemapSources.sources.map((source) => (
            <tr key={source.id} data-testid="map-credit">
              <td>
                <bdi translate="no">{source.name}</bdi>
                <br />
                <small translate="no">{source.via}</small>
                {source.notice && (
                  <>
                    <br />
                    <small translate="no">{source.notice}</small>
                  </>
                )}
              </td>
              <td>
                <bdi translate="no">{source.licence}</bdi>
                {/* As text, not a link: the console has no browser to open it in, and some licences require it shown. */}
                {source.licenceUrl && (
                  <>
                    <br />
                    <small translate="no" dir="ltr">
                      {source.licenceUrl}
                    </small>
                  </>
                )}
              </td>
            </tr>
          ))}
          {operatorCredits.map((credit) => (
            <tr key={credit} data-testid="map-credit">
              <td colSpan={2}>
                <bdi translate="no">{credit}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="button">
          {t('map.close')}
        </button>
      </form>
    </dialog>
  );
}

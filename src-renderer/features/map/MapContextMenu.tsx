import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteApi } from '../../../src-shared/contract/api';
import { runTask } from '../../store/errors/errorStore';
import { newIncidentAt } from './mapActions';
import { useMapUiStore } from './mapUiStore';

/** The right-click menu (also Shift+F10 or the menu key on the focused map, at its centre). */
export function MapContextMenu(props: { map: MapLibreMap; remote: RemoteApi }) {
  const { t } = useTranslation();
  const { map, remote } = props;
  const menu = useMapUiStore((state) => state.contextMenu);
  const close = useMapUiStore((state) => state.openContextMenu);
  const firstItem = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const canvas = map.getCanvas();
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
        event.preventDefault();
        const { width, height } = canvas.getBoundingClientRect();
        const centre = map.getCenter();
        useMapUiStore.getState().openContextMenu({ x: width / 2, y: height / 2, lon: centre.lng, lat: centre.lat });
      }
    };
    canvas.addEventListener('keydown', onKeyDown);
    return () => canvas.removeEventListener('keydown', onKeyDown);
  }, [map]);

  useEffect(() => {
    if (menu) firstItem.current?.focus();
  }, [menu]);

  if (!menu) return null;
  const rtl = document.documentElement.dir === 'rtl';
  const width = map.getCanvas().getBoundingClientRect().width;
  return (
    <div
      className="map-menu"
      role="menu"
      aria-label={t('map.menu')}
      data-testid="map-menu"
      style={{ insetBlockStart: menu.y, insetInlineStart: rtl ? width - menu.x : menu.x }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close(null);
          map.getCanvas().focus();
        }
      }}
    >
      <button
        ref={firstItem}
        type="button"
        role="menuitem"
        data-testid="map-new-incident"
        onClick={() => {
          close(null);
          runTask(newIncidentAt(remote, menu.lat, menu.lon));
        }}
      >
        {t('map.newIncidentHere')}
      </button>
      <button
        type="button"
        role="menuitem"
        onClick={() => {
          close(null);
          map.easeTo({ center: [menu.lon, menu.lat] });
        }}
      >
        {t('map.centreHere')}
      </button>
    </div>
  );
}

import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import type { AllPaintProperties } from '@maplibre/maplibre-gl-style-spec';
import { Map as MapLibreMap, setWorkerUrl, type MapMouseEvent } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import arabicFontUrl from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2?url';
import latinFontUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import boundariesUrl from '../../../resources/basemap/boundaries.geojson?url';
import countriesUrl from '../../../resources/basemap/countries.geojson?url';
import governoratesUrl from '../../../resources/basemap/governorates.geojson?url';
import labelsUrl from '../../../resources/basemap/labels.geojson?url';
import localitiesUrl from '../../../resources/basemap/localities.geojson?url';
import neighbourhoodsUrl from '../../../resources/basemap/neighbourhoods.geojson?url';
import waterUrl from '../../../resources/basemap/water.geojson?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pane } from '../../app/Pane';
import { useRemote } from '../../app/RemoteContext';
import { currentLanguage, isLanguage } from '../../i18n';
import { runTask } from '../../store/errors/errorStore';
import { basemapStyle, IRAQ_BOUNDS, LABEL_LAYERS, nameExpression, themePaint, type BasemapUrls } from './basemapStyle';
import { CreditsDialog } from './CreditsDialog';
import { CallersLayer } from './layers/CallersLayer';
import { GisLayers } from './layers/GisLayers';
import { IncidentsLayer } from './layers/IncidentsLayer';
import { MeasureLayer } from './layers/MeasureLayer';
import { RadioEmergencyLayer } from './layers/RadioEmergencyLayer';
import { SearchResultLayer } from './layers/SearchResultLayer';
import { StreetBasemap } from './layers/StreetBasemap';
import { TrailLayer } from './layers/TrailLayer';
import { UnitsLayer } from './layers/UnitsLayer';
import { MapContextMenu } from './MapContextMenu';
import { EMPTY_MANIFEST, loadMapManifest, type MapManifest } from './mapManifest';
import { transformMapRequest } from './mapRequests';
import { installMapProbe } from './mapProbe';
import { useMapUiStore } from './mapUiStore';
import { MapToolbar } from './MapToolbar';
import { SelectedUnitCard } from './SelectedUnitCard';
import { useMapShortcuts } from './mapShortcuts';
import { useMapFollowsWork } from './mapFollowsWork';

const absolute = (url: string): string => new URL(url, document.baseURI).href;

function basemapUrls(): BasemapUrls {
  return {
    countries: absolute(countriesUrl),
    governorates: absolute(governoratesUrl),
    labels: absolute(labelsUrl),
    boundaries: absolute(boundariesUrl),
    neighbourhoods: absolute(neighbourhoodsUrl),
    localities: absolute(localitiesUrl),
    water: absolute(waterUrl),
    arabicFont: absolute(arabicFontUrl),
    latinFont: absolute(latinFontUrl),
  };
}

/**
 * The operations map: the offline basemap of Iraq, the operator's GIS layers, callers, incidents
 * and units. Layers are components that add their sources and layers in an effect and remove them
 * in its cleanup; they render nothing and keep high-rate data (positions) out of React.
 */
export function MapPane() {
  const { t, i18n } = useTranslation();
  const remote = useRemote();
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [manifest, setManifest] = useState<MapManifest>(EMPTY_MANIFEST);
  const language = isLanguage(i18n.language) ? i18n.language : currentLanguage();
  const theme = useMapUiStore((state) => state.theme);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    setWorkerUrl(absolute(workerUrl));
    const created = new MapLibreMap({
      container,
      style: basemapStyle(basemapUrls(), currentLanguage(), useMapUiStore.getState().theme),
      bounds: IRAQ_BOUNDS,
      fitBoundsOptions: { padding: 20 },
      attributionControl: false,
      maxZoom: 18,
      minZoom: 3,
      dragRotate: false,
      pitchWithRotate: false,
      locale: { 'Map.Title': t('map.canvasLabel') },
      transformRequest: transformMapRequest,
    });
    created.touchZoomRotate.disableRotation();
    const stopProbe = installMapProbe(created);
    created.once('load', () => setMap(created));
    const onContextMenu = (event: MapMouseEvent): void => {
      event.preventDefault();
      useMapUiStore.getState().openContextMenu({
        x: event.point.x,
        y: event.point.y,
        lon: event.lngLat.lng,
        lat: event.lngLat.lat,
      });
    };
    const onClick = (event: MapMouseEvent): void => {
      const ui = useMapUiStore.getState();
      if (ui.contextMenu) ui.openContextMenu(null);
      if (ui.measure) ui.addMeasurePoint([event.lngLat.lng, event.lngLat.lat]);
    };
    created.on('contextmenu', onContextMenu);
    created.on('click', onClick);
    // A drag or zoom by hand ends following a unit: the dispatcher wants to look elsewhere.
    created.on('dragstart', () => useMapUiStore.getState().follow(null));
    runTask(
      loadMapManifest().then((loadedManifest) => {
        setManifest(loadedManifest);
      }),
    );
    return () => {
      stopProbe();
      created.off('contextmenu', onContextMenu);
      created.off('click', onClick);
      setMap(null);
      created.remove();
    };
    // The map is created once per mount; language and theme are applied in place below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!map) return;
    for (const layer of LABEL_LAYERS) map.setLayoutProperty(layer, 'text-field', nameExpression(language));
    map.getCanvas().setAttribute('aria-label', t('map.canvasLabel'));
  }, [map, language, t]);

  useEffect(() => {
    if (!map) return;
    for (const [layer, paint] of Object.entries(themePaint(theme))) {
      if (!map.getLayer(layer)) continue;
      for (const [property, value] of Object.entries(paint) as [keyof AllPaintProperties, string][]) {
        map.setPaintProperty(layer, property, value);
      }
    }
  }, [map, theme]);

  useMapShortcuts(map);
  useMapFollowsWork(map);

  return (
    <Pane id="map" title={t('map.title')} actions={<MapToolbar map={map} remote={remote} />}>
      <div className={`map-frame map-theme-${theme}`}>
        <div
          className="map-canvas"
          ref={containerRef}
          data-testid="map"
          data-map-ready={map ? 'true' : 'false'}
          data-theme={theme}
        />
        {map && (
          <>
            <GisLayers map={map} manifest={manifest} language={language} />
            {manifest.streetBasemap && (
              <StreetBasemap map={map} source={manifest.streetBasemap} theme={theme} language={language} />
            )}
            <CallersLayer map={map} />
            <TrailLayer map={map} remote={remote} />
            <IncidentsLayer map={map} />
            <UnitsLayer map={map} />
            <MeasureLayer map={map} />
            <SearchResultLayer map={map} />
            <RadioEmergencyLayer map={map} />
            <MapContextMenu map={map} remote={remote} />
          </>
        )}
        <SelectedUnitCard />
      </div>
      <CreditsDialog manifest={manifest} />
    </Pane>
  );
}

import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceHit, RemoteApi } from '../../../src-shared/contract/api';
import type { Language } from '../../../src-shared/contract/schemas';
import { intlLocales } from '../../../src-shared/domain/time';
import { useListNavigation } from '../../app/useListNavigation';
import { currentLanguage } from '../../i18n';
import { runTask } from '../../store/errors/errorStore';
import { toggleFollow } from './mapActions';
import { pathLengthM } from './mapFeatures';
import { useMapUiStore } from './mapUiStore';

function placeName(place: PlaceHit): string {
  return place.name[currentLanguage()] ?? place.name.ar ?? place.name.en ?? place.id;
}

/** Place search over the offline gazetteer (`place.search`): picking one flies the map there. */
function MapPlaceSearch(props: { map: MapLibreMap | null; remote: RemoteApi }) {
  const { t } = useTranslation();
  const { map, remote } = props;
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<readonly PlaceHit[]>([]);
  const listId = useId();
  const searching = query.trim().length >= 2;
  useEffect(() => {
    if (!searching) return;
    let current = true;
    runTask(
      remote.place.search({ query, limit: 8 }).then((found) => {
        if (current) setHits(found);
      }),
    );
    return () => {
      current = false;
    };
  }, [query, searching, remote]);
  const shown = searching ? hits : [];
  const open = shown.length > 0;
  const navigation = useListNavigation(shown);
  const pick = (place: PlaceHit): void => {
    map?.flyTo({ center: [place.lon, place.lat], zoom: place.kind === 'governorate' ? 8 : 12 });
    useMapUiStore.getState().showSearchResult({ lon: place.lon, lat: place.lat });
    setQuery('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (navigation.onArrowKey(event)) return;
    if (event.key === 'Enter' && open && navigation.highlighted) {
      event.preventDefault();
      pick(navigation.highlighted);
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };
  return (
    <div className="combobox map-search">
      <input
        id="map-place-search"
        className="field-input"
        role="combobox"
        aria-label={t('map.search')}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${String(navigation.highlight)}` : undefined}
        autoComplete="off"
        placeholder={t('map.search')}
        data-testid="map-place-search"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          navigation.reset();
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="combobox-list" id={listId} role="listbox">
          {shown.map((place, index) => (
            <li
              key={place.id}
              id={`${listId}-${String(index)}`}
              role="option"
              aria-selected={index === navigation.highlight}
              data-testid="map-place-option"
              onMouseDown={(event) => {
                event.preventDefault();
                pick(place);
              }}
            >
              <span className="option-name">{placeName(place)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function formatDistance(metres: number, language: Language): string {
  const format = new Intl.NumberFormat(intlLocales[language], { maximumFractionDigits: 2 });
  return metres >= 1000 ? format.format(metres / 1000) : format.format(Math.round(metres));
}

/** The map's tools: search, zoom, measure, follow, day/night, credits. */
export function MapToolbar(props: { map: MapLibreMap | null; remote: RemoteApi }) {
  const { t } = useTranslation();
  const { map, remote } = props;
  const theme = useMapUiStore((state) => state.theme);
  const measure = useMapUiStore((state) => state.measure);
  const following = useMapUiStore((state) => state.followUnitId);
  const distance = measure ? pathLengthM(measure) : 0;
  return (
    <div className="map-toolbar" role="toolbar" aria-label={t('map.tools')}>
      <MapPlaceSearch map={map} remote={remote} />
      <button
        type="button"
        className="map-tool"
        aria-label={t('map.zoomIn')}
        title={t('map.zoomIn')}
        onClick={() => map?.zoomIn()}
      >
        +
      </button>
      <button
        type="button"
        className="map-tool"
        aria-label={t('map.zoomOut')}
        title={t('map.zoomOut')}
        onClick={() => map?.zoomOut()}
      >
        −
      </button>
      <button
        type="button"
        className="map-tool"
        aria-pressed={measure !== null}
        data-testid="map-measure"
        onClick={() => useMapUiStore.getState().toggleMeasure()}
      >
        {t('map.measure')}
      </button>
      {measure && (
        <output className="map-distance" data-testid="map-distance" data-metres={Math.round(distance)}>
          {measure.length < 2
            ? t('map.measureHint')
            : distance >= 1000
              ? t('map.distanceKm', { value: formatDistance(distance, currentLanguage()) })
              : t('map.distanceM', { value: formatDistance(distance, currentLanguage()) })}
        </output>
      )}
      <button
        type="button"
        className="map-tool"
        aria-pressed={following !== null}
        data-testid="map-follow"
        onClick={() => map && toggleFollow(map)}
      >
        {t('map.follow')}
      </button>
      <button
        type="button"
        className="map-tool"
        data-testid="map-theme"
        onClick={() => useMapUiStore.getState().setTheme(theme === 'night' ? 'day' : 'night')}
      >
        {theme === 'night' ? t('map.day') : t('map.night')}
      </button>
      <button
        type="button"
        className="map-tool"
        data-testid="map-credits"
        onClick={() => useMapUiStore.getState().setCreditsOpen(true)}
      >
        {t('map.credits')}
      </button>
    </div>
  );
}

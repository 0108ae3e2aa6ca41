import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { PlaceHit } from '../../../src-shared/contract/api';
import { useListNavigation } from '../../app/useListNavigation';
import { currentLanguage } from '../../i18n';
import { runTask } from '../../store/errors/errorStore';

const COORDINATES = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,،\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

/** `33.3128, 44.3615` typed straight in (from a caller reading GPS, or a radio message). */
export function parseCoordinates(text: string): { lat: number; lon: number } | null {
  const match = COORDINATES.exec(text.replace(/[٠-٩]/g, (digit) => String(digit.charCodeAt(0) - 0x0660)));
  if (!match?.[1] || !match[2]) return null;
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}

const placeKinds = [
  'governorate',
  'city',
  'town',
  'district',
  'subdistrict',
  'neighbourhood',
  'landmark',
  'village',
] as const;
type PlaceKind = (typeof placeKinds)[number] | 'other';

function placeKind(kind: string): PlaceKind {
  return (placeKinds as readonly string[]).includes(kind) ? (kind as PlaceKind) : 'other';
}

function placeName(place: PlaceHit, language: 'ar' | 'en' | 'ckb'): string {
  return place.name[language] ?? place.name.ar ?? place.name.en ?? place.id;
}

/**
 * Where the emergency is: a place search over the offline gazetteer (any language, Arabic
 * normalized), or coordinates typed as `lat, lon`. Picking fills the location.
 */
export function PlaceSearch(props: {
  inputId: string;
  search: (query: string, near: { lat: number; lon: number } | null) => Promise<readonly PlaceHit[]>;
  near: { lat: number; lon: number } | null;
  onPick: (pick: { lat: number; lon: number; label: string | null; source: 'place' | 'manual' }) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<readonly PlaceHit[]>([]);
  const listId = useId();
  const coordinates = parseCoordinates(query);
  const { search, near } = props;

  const searching = query.trim().length >= 2 && coordinates === null;
  useEffect(() => {
    if (!searching) return;
    let current = true;
    runTask(
      search(query, near).then((found) => {
        if (current) setHits(found);
      }),
    );
    return () => {
      current = false;
    };
    // `near` only biases the order: a stale bias is harmless, a search per map move is not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, searching, search]);

  const shown = searching ? hits : [];
  const open = shown.length > 0;
  const navigation = useListNavigation(shown);
  const highlight = navigation.highlight;
  const pickPlace = (place: PlaceHit): void => {
    props.onPick({ lat: place.lat, lon: place.lon, label: placeName(place, language), source: 'place' });
    setQuery('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (navigation.onArrowKey(event)) return;
    if (event.key === 'Enter') {
      const hit = open ? navigation.highlighted : undefined;
      if (hit) {
        event.preventDefault();
        pickPlace(hit);
      } else if (coordinates) {
        event.preventDefault();
        props.onPick({ ...coordinates, label: null, source: 'manual' });
        setQuery('');
      }
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };

  return (
    <div className="combobox">
      <input
        id={props.inputId}
        className="field-input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${String(highlight)}` : undefined}
        autoComplete="off"
        placeholder={t('intake.placePlaceholder')}
        data-testid="place-search"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          navigation.reset();
        }}
        onKeyDown={onKeyDown}
      />
      {coordinates && (
        <p className="field-hint">
          <Trans i18nKey="intake.coordinatesHint" components={{ kbd: <kbd translate="no" dir="ltr" /> }} />
        </p>
      )}
      {open && (
        <ul className="combobox-list" id={listId} role="listbox">
          {shown.map((place, index) => (
            <li
              key={place.id}
              id={`${listId}-${String(index)}`}
              role="option"
              aria-selected={index === highlight}
              data-testid="place-option"
              onMouseDown={(event) => {
                event.preventDefault();
                pickPlace(place);
              }}
            >
              <span className="option-name">{placeName(place, language)}</span>
              <span className="option-meta">{t(`place.kind.${placeKind(place.kind)}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

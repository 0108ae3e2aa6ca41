import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../src-shared/contract/api';
import { formatClock } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { useListNavigation } from '../../app/useListNavigation';
import { currentLanguage } from '../../i18n';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { statusKey } from './labels';

const SEARCH_DELAY_MS = 200;

/** Search every incident (open or closed) by number, address, caller or narrative, in any spelling. */
export function IncidentSearchBox() {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const select = useSelectionStore((state) => state.selectIncident);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<readonly SearchHit[]>([]);
  const listId = useId();
  const searching = query.trim().length >= 2;

  useEffect(() => {
    if (!searching) return;
    let current = true;
    const timer = setTimeout(() => {
      runTask(
        remote.incident.search({ query, limit: 20 }).then((found) => {
          if (current) setHits(found);
        }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, searching, remote]);

  const shown = searching ? hits : [];
  const navigation = useListNavigation(shown);
  const highlight = navigation.highlight;
  const open = (hit: SearchHit): void => {
    select(hit.incidentId);
    setQuery('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (navigation.onArrowKey(event)) return;
    if (event.key === 'Enter') {
      const hit = navigation.highlighted;
      if (hit) {
        event.preventDefault();
        open(hit);
      }
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  };

  return (
    <div className="combobox incident-search">
      <input
        type="search"
        className="field-input"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={shown.length > 0}
        aria-controls={listId}
        aria-activedescendant={shown.length > 0 ? `${listId}-${String(highlight)}` : undefined}
        placeholder={t('search.placeholder')}
        data-testid="incident-search"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          navigation.reset();
        }}
        onKeyDown={onKeyDown}
      />
      {searching && (
        <ul className="combobox-list" id={listId} role="listbox" data-testid="search-results">
          {shown.length === 0 && <li className="option-meta">{t('search.none')}</li>}
          {shown.map((hit, index) => (
            <li
              key={`${hit.incidentId}-${String(index)}`}
              id={`${listId}-${String(index)}`}
              role="option"
              aria-selected={index === highlight}
              data-testid="search-hit"
              onMouseDown={(event) => {
                event.preventDefault();
                open(hit);
              }}
            >
              <div className="search-hit">
                <div className="queue-line">
                  <bdi className="incident-number" translate="no">
                    {hit.number}
                  </bdi>
                  <span className="option-meta">
                    {t(`status.${statusKey(hit.status)}`)} · {formatClock(hit.at, language, timeZone)}
                  </span>
                </div>
                <div className="search-text">{hit.text}</div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

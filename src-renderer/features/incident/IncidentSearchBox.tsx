import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../src-shared/contract/api';
import { formatClock } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { useListNavigation } from '../../app/useListNavigation';
import { currentLanguage } from '../../i18n';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { focusIncidentList, INCIDENT_SEARCH_ID } from '../queue/queueKeys';
import { statusKey } from './labels';

const SEARCH_DELAY_MS = 200;

/** What the dispatcher asked for before the results of the query arrived: moves (↓ ↑) and whether Enter opens. */
interface QueuedIntent {
  moves: number;
  open: boolean;
}

/** Search every incident (open or closed) by number, address, caller or narrative, in any spelling. */
export function IncidentSearchBox() {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const select = useSelectionStore((state) => state.selectIncident);
  const [query, setQuery] = useState('');
  // Results belong to the query they answer: older ones are never shown (nor opened) for a newer query.
  const [results, setResults] = useState<{ query: string; hits: readonly SearchHit[] } | null>(null);
  const queued = useRef<QueuedIntent>({ moves: 0, open: false });
  const listId = useId();
  const searching = query.trim().length >= 2;
  const arrived = searching && results?.query === query;
  const shown = arrived ? results.hits : [];
  const navigation = useListNavigation(shown);
  const highlight = navigation.highlight;

  const open = (hit: SearchHit): void => {
    select(hit.incidentId);
    setQuery('');
  };

  useEffect(() => {
    if (!searching) return;
    let current = true;
    const timer = setTimeout(() => {
      runTask(
        remote.incident.search({ query, limit: 20 }).then((found) => {
          if (current) setResults({ query, hits: found });
        }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, searching, remote]);

  // Keys pressed while the results were on their way apply once they arrive: ↓ lands on the first result.
  useEffect(() => {
    if (!arrived) return;
    const intent = queued.current;
    queued.current = { moves: 0, open: false };
    const index = Math.min(Math.max(0, intent.moves - 1), results.hits.length - 1);
    const hit = results.hits[index];
    if (intent.open && hit) open(hit);
    else if (intent.moves > 0) navigation.select(index);
    // Runs once per arrival; `open` and `navigation` are fresh closures each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [arrived, results]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (searching && !arrived && (event.key === 'ArrowDown' || event.key === 'ArrowUp' || event.key === 'Enter')) {
      event.preventDefault();
      const intent = queued.current;
      if (event.key === 'Enter') intent.open = true;
      else intent.moves = Math.max(0, intent.moves + (event.key === 'ArrowDown' ? 1 : -1));
      return;
    }
    // Nothing typed: ↓ goes on to the open incidents.
    if (!searching && event.key === 'ArrowDown' && focusIncidentList()) {
      event.preventDefault();
      return;
    }
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
        id={INCIDENT_SEARCH_ID}
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
          queued.current = { moves: 0, open: false };
        }}
        onKeyDown={onKeyDown}
      />
      {searching && (
        <ul className="combobox-list" id={listId} role="listbox" data-testid="search-results">
          {!arrived && (
            <li className="option-meta" data-testid="search-pending">
              {t('search.searching')}
            </li>
          )}
          {arrived && shown.length === 0 && <li className="option-meta">{t('search.none')}</li>}
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

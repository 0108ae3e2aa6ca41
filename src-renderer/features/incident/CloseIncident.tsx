import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createDispositionSearch } from '../../../src-shared/domain/dispositionSearch';
import { activeUnitsOf, type IncidentRecord } from '../../../src-shared/domain/incident';
import type { Disposition } from '../../../src-shared/domain/taxonomy';
import { useRemote } from '../../app/RemoteContext';
import { ShortcutKey } from '../../app/ShortcutKey';
import { useListNavigation } from '../../app/useListNavigation';
import { currentLanguage } from '../../i18n';
import { runTask } from '../../store/errors/errorStore';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { EidoExportButton } from './EidoExport';
import './closeIncident.css';

const NO_DISPOSITIONS: readonly Disposition[] = [];

/**
 * Closing with a disposition, by keyboard: type to filter (whole words and prefixes first), ↓↑ to
 * choose, Enter to take it (then the optional note), Ctrl+Enter to close the incident, Esc to cancel.
 * Units still on the incident are listed first: closing clears them all (the host does it with the
 * close, so every console sees them available again).
 */
function CloseDialog(props: { incident: IncidentRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const dispositions = useTaxonomyStore((state) => state.taxonomy?.dispositions ?? NO_DISPOSITIONS);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const search = useMemo(() => createDispositionSearch(dispositions), [dispositions]);
  const shown = useMemo(() => search(query), [search, query]);
  const stillAssigned = activeUnitsOf(props.incident);
  const navigation = useListNavigation(shown);
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = (): void => {
    if (!chosen || busy) return;
    setBusy(true);
    runTask(
      remote.incident
        .append({
          incidentId: props.incident.id,
          expectedVersion: props.incident.version,
          change: {
            type: 'incident.closed',
            payload: { disposition: chosen, ...(reason.trim() && { reason: reason.trim() }) },
          },
        })
        .then(() => dialog.current?.close())
        .catch((error: unknown) => {
          setBusy(false);
          throw error;
        }),
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };
  const onFilterKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (navigation.onArrowKey(event)) return;
    if (event.key === 'Enter' && !event.ctrlKey && navigation.highlighted) {
      event.preventDefault();
      setChosen(navigation.highlighted.code);
      reasonField.current?.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="incident-detail incident-action-dialog"
      data-testid="close-incident-dialog"
      aria-label={t('closeIncident.title')}
      onClose={(event) => {
        // React passes a nested dialog's close up to the incident detail's dialog: keep it open.
        event.stopPropagation();
        props.onDone();
      }}
      onKeyDown={onKeyDown}
    >
      <header className="detail-header">
        <h2>
          {t('closeIncident.title')} · <bdi translate="no">{props.incident.number}</bdi>
        </h2>
      </header>
      <div className="incident-action-body">
        {stillAssigned.length > 0 && (
          <div className="close-units-warning" role="alert" data-testid="close-units-warning">
            <strong>{t('closeIncident.unitsWarning', { count: stillAssigned.length })}</strong>{' '}
            {stillAssigned.map((unit) => (
              <bdi key={unit.unitId} className="badge" translate="no" data-testid={`close-unit-${unit.unitId}`}>
                {unit.callsign}
              </bdi>
            ))}
            <p className="option-meta">{t('closeIncident.unitsClear')}</p>
          </div>
        )}
        <label className="field">
          <span>{t('closeIncident.disposition')}</span>
          <input
            autoFocus
            className="field-input"
            data-testid="disposition-filter"
            placeholder={t('closeIncident.filter')}
            role="combobox"
            aria-expanded="true"
            aria-controls="disposition-options"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              navigation.reset();
            }}
            onKeyDown={onFilterKey}
          />
        </label>
        <ul className="disposition-list" role="listbox" id="disposition-options" data-testid="disposition-options">
          {shown.length === 0 && <li className="option-meta">{t('closeIncident.none')}</li>}
          {shown.map((disposition, index) => (
            <li
              key={disposition.code}
              role="option"
              aria-selected={chosen === disposition.code}
              data-code={disposition.code}
              className={`disposition-option${index === navigation.highlight ? ' highlighted' : ''}${
                chosen === disposition.code ? ' chosen' : ''
              }`}
              onClick={() => setChosen(disposition.code)}
            >
              {localized(disposition.name, language, disposition.code)}
            </li>
          ))}
        </ul>
        <label className="field">
          <span>{t('closeIncident.reason')}</span>
          <textarea
            ref={reasonField}
            className="field-input"
            data-testid="close-reason"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        {!chosen && <p className="option-meta">{t('closeIncident.required')}</p>}
      </div>
      <footer className="incident-action-footer">
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {t('closeIncident.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="close-confirm"
          disabled={!chosen || busy}
          onClick={submit}
        >
          {t(stillAssigned.length > 0 ? 'closeIncident.confirmClear' : 'closeIncident.confirm')}{' '}
          <ShortcutKey keys="Ctrl+Enter" />
        </button>
      </footer>
    </dialog>
  );
}

/** Reopening needs a reason (it stays on the timeline): type it, Ctrl+Enter. */
function ReopenDialog(props: { incident: IncidentRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = (): void => {
    if (!reason.trim() || busy) return;
    setBusy(true);
    runTask(
      remote.incident
        .append({
          incidentId: props.incident.id,
          expectedVersion: props.incident.version,
          change: { type: 'incident.reopened', payload: { reason: reason.trim() } },
        })
        .then(() => dialog.current?.close())
        .catch((error: unknown) => {
          setBusy(false);
          throw error;
        }),
    );
  };

  return (
    <dialog
      ref={dialog}
      className="incident-detail incident-action-dialog"
      data-testid="reopen-incident-dialog"
      aria-label={t('reopenIncident.title')}
      onClose={(event) => {
        // React passes a nested dialog's close up to the incident detail's dialog: keep it open.
        event.stopPropagation();
        props.onDone();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          submit();
        }
      }}
    >
      <header className="detail-header">
        <h2>
          {t('reopenIncident.title')} · <bdi translate="no">{props.incident.number}</bdi>
        </h2>
      </header>
      <div className="incident-action-body">
        <label className="field">
          <span>{t('reopenIncident.reason')}</span>
          <textarea
            autoFocus
            className="field-input"
            data-testid="reopen-reason"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        {!reason.trim() && <p className="option-meta">{t('reopenIncident.required')}</p>}
      </div>
      <footer className="incident-action-footer">
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {t('closeIncident.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="reopen-confirm"
          disabled={!reason.trim() || busy}
          onClick={submit}
        >
          {t('reopenIncident.confirm')} <ShortcutKey keys="Ctrl+Enter" />
        </button>
      </footer>
    </dialog>
  );
}

/**
 * The detail's actions on the incident: close with a disposition (Alt+X), reopen with a reason
 * (Alt+X on a closed incident), export as EIDO (Alt+E).
 */
export function CloseIncidentActions(props: { incident: IncidentRecord }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const dispositions = useTaxonomyStore((state) => state.taxonomy?.dispositions ?? NO_DISPOSITIONS);
  const [open, setOpen] = useState<'close' | 'reopen' | null>(null);
  const closed = props.incident.status === 'closed';

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if (event.altKey && event.code === 'KeyX' && open === null) {
        event.preventDefault();
        setOpen(closed ? 'reopen' : 'close');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [closed, open]);

  const disposition = dispositions.find((entry) => entry.code === props.incident.disposition);
  return (
    <div className="incident-actions">
      {closed && props.incident.disposition && (
        <span className="badge" data-testid="incident-disposition" data-code={props.incident.disposition}>
          {t('detail.disposition')}: {localized(disposition?.name, language, props.incident.disposition)}
        </span>
      )}
      <EidoExportButton incident={props.incident} />
      {closed ? (
        <button type="button" className="button" data-testid="reopen-incident" onClick={() => setOpen('reopen')}>
          {t('detail.reopenIncident')} <ShortcutKey keys="Alt+X" />
        </button>
      ) : (
        <button type="button" className="button" data-testid="close-incident" onClick={() => setOpen('close')}>
          {t('detail.closeIncident')} <ShortcutKey keys="Alt+X" />
        </button>
      )}
      {open === 'close' && <CloseDialog incident={props.incident} onDone={() => setOpen(null)} />}
      {open === 'reopen' && <ReopenDialog incident={props.incident} onDone={() => setOpen(null)} />}
    </div>
  );
}

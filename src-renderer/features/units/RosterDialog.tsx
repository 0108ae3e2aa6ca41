import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterImportResult } from '../../../src-shared/contract/api';
import { formatCount } from '../../../src-shared/domain/time';
import type { UnitDefinitionInput, UnitRecord } from '../../../src-shared/domain/unit';
import { isolate } from '../../app/bidi';
import { useRemote } from '../../app/RemoteContext';
import { downloadText } from '../../app/download';
import { currentLanguage } from '../../i18n';
import { runTask } from '../../store/errors/errorStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { useUnitStore } from '../../store/units/unitStore';

interface Draft {
  id: string;
  callsign: string;
  agency: string;
  kind: string;
  capabilities: string;
  station: string;
  homeLat: string;
  homeLon: string;
  crew: string;
  radioId: string;
  deviceId: string;
}

const EMPTY: Draft = {
  id: '',
  callsign: '',
  agency: '',
  kind: '',
  capabilities: '',
  station: '',
  homeLat: '',
  homeLon: '',
  crew: '',
  radioId: '',
  deviceId: '',
};

function draftOf(unit: UnitRecord): Draft {
  return {
    id: unit.id,
    callsign: unit.callsign,
    agency: unit.agency,
    kind: unit.kind,
    capabilities: unit.capabilities.join(', '),
    station: unit.station ?? '',
    homeLat: unit.home ? String(unit.home.lat) : '',
    homeLon: unit.home ? String(unit.home.lon) : '',
    crew: unit.crew.join(', '),
    radioId: unit.radioId ?? '',
    deviceId: unit.deviceId ?? '',
  };
}

const list = (text: string): string[] =>
  text
    .split(/[,،]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

function definitionOf(draft: Draft): UnitDefinitionInput {
  const lat = Number(draft.homeLat);
  const lon = Number(draft.homeLon);
  return {
    id: draft.id.trim(),
    callsign: draft.callsign.trim(),
    agency: draft.agency,
    kind: draft.kind.trim(),
    capabilities: list(draft.capabilities),
    station: draft.station.trim() || null,
    home: draft.homeLat.trim() && draft.homeLon.trim() ? { lat, lon } : null,
    crew: list(draft.crew),
    radioId: draft.radioId.trim() || null,
    deviceId: draft.deviceId.trim() || null,
  };
}

const FIELDS = [
  'id',
  'callsign',
  'kind',
  'capabilities',
  'station',
  'homeLat',
  'homeLon',
  'crew',
  'radioId',
  'deviceId',
] as const;
const LATIN_FIELDS = new Set<keyof Draft>(['id', 'kind', 'capabilities', 'homeLat', 'homeLon', 'radioId', 'deviceId']);

/** The shift lead's roster editor: add or edit a unit, import a roster (CSV/JSON), export it. */
export function RosterDialog(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const dialog = useRef<HTMLDialogElement>(null);
  const agencies = useTaxonomyStore((state) => state.taxonomy?.agencies);
  const selectedId = useSelectionStore((state) => state.unitId);
  const selected = useUnitStore((state) => (selectedId ? state.units[selectedId] : undefined));
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [version, setVersion] = useState<number | undefined>(0);
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [importText, setImportText] = useState('');
  const [result, setResult] = useState<RosterImportResult | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const save = (event: SyntheticEvent): void => {
    event.preventDefault();
    runTask(
      remote.unit
        .save({ unit: definitionOf(draft), ...(version !== undefined && { expectedVersion: version }) })
        .then((unit) => {
          setDraft(draftOf(unit));
          setVersion(unit.version);
          setSaved(unit.callsign);
        }),
    );
  };
  const runImport = (): void => {
    runTask(remote.unit.importRoster({ format, text: importText }).then(setResult));
  };
  const exportAs = (as: 'csv' | 'json'): void => {
    runTask(
      remote.unit
        .exportRoster({ format: as })
        .then(({ text }) =>
          downloadText(
            as === 'csv'
              ? { filename: 'roster.csv', mimeType: 'text/csv', text: `\uFEFF${text}` }
              : { filename: 'roster.json', mimeType: 'application/json', text },
          ),
        ),
    );
  };

  return (
    <dialog
      ref={dialog}
      className="roster-dialog"
      data-testid="roster-dialog"
      aria-label={t('units.rosterTitle')}
      onClose={props.onClose}
    >
      <header className="detail-header">
        <h2>{t('units.rosterTitle')}</h2>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(EMPTY);
            setVersion(0);
          }}
        >
          {t('units.add')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!selected}
          onClick={() => {
            if (!selected) return;
            setDraft(draftOf(selected));
            setVersion(selected.version);
          }}
        >
          {t('units.edit')}
        </button>
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {t('units.cancel')}
        </button>
      </header>
      <form className="roster-form" onSubmit={save} data-testid="roster-form">
        <label>
          {t('units.field.agency')}
          <select
            value={draft.agency}
            required
            onChange={(event) => setDraft({ ...draft, agency: event.target.value })}
            data-testid="roster-agency"
          >
            <option value="" />
            {(agencies ?? []).map((agency) => (
              <option key={agency.code} value={agency.code}>
                {localized(agency.name, language, agency.code)}
              </option>
            ))}
          </select>
        </label>
        {FIELDS.map((field) => (
          <label key={field}>
            {t(`units.field.${field}`)}
            <input
              value={draft[field]}
              required={field === 'id' || field === 'callsign' || field === 'kind'}
              dir={LATIN_FIELDS.has(field) ? 'ltr' : 'auto'}
              translate="no"
              data-testid={`roster-${field}`}
              onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
            />
          </label>
        ))}
        <button type="submit" className="button button-primary" data-testid="roster-save">
          {t('units.save')}
        </button>
        {saved && <p role="status">{t('units.saved', { callsign: isolate(saved) })}</p>}
      </form>
      <section className="roster-import">
        <label>
          {t('units.format')}
          <select value={format} onChange={(event) => setFormat(event.target.value as 'csv' | 'json')}>
            <option value="csv">{t('units.formatCsv')}</option>
            <option value="json">{t('units.formatJson')}</option>
          </select>
        </label>
        <label>
          {t('units.importText')}
          <textarea
            rows={6}
            dir="ltr"
            translate="no"
            value={importText}
            data-testid="roster-import-text"
            onChange={(event) => setImportText(event.target.value)}
          />
        </label>
        <div className="roster-actions">
          <button type="button" className="button" data-testid="roster-import" onClick={runImport}>
            {t('units.import')}
          </button>
          <button type="button" className="button" onClick={() => exportAs('csv')}>
            {t('units.exportCsv')}
          </button>
          <button type="button" className="button" onClick={() => exportAs('json')}>
            {t('units.exportJson')}
          </button>
        </div>
        {result && (
          <div role="status" data-testid="roster-import-result">
            <p>
              {t('units.importResult', {
                created: formatCount(result.created, language),
                updated: formatCount(result.updated, language),
                refused: formatCount(result.errors.length, language),
              })}
            </p>
            <ul>
              {result.errors.map((error) => (
                <li key={`${String(error.line)}-${error.message}`}>
                  {t('units.lineError', { line: formatCount(error.line, language) })}:{' '}
                  <bdi translate="no" dir="ltr">
                    {error.message}
                  </bdi>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </dialog>
  );
}

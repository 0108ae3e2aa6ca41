import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { PlaceHit } from '../../../src-shared/contract/api';
import type { FieldIssue } from '../../../src-shared/contract/errors';
import type { IntakeDraft } from '../../../src-shared/contract/schemas';
import type { Priority } from '../../../src-shared/domain/incident';
import {
  compactAddress,
  iraqiAddressParts,
  parseIraqiAddress,
  type IraqiAddressPart,
} from '../../../src-shared/domain/iraqiAddress';
import { formatClock } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { ShortcutKey } from '../../app/ShortcutKey';
import { currentLanguage } from '../../i18n';
import { useCallStore } from '../../store/calls/callStore';
import { useConsoleStore } from '../../store/console/consoleStore';
import { useIntakeStore } from '../../store/intake/intakeStore';
import { localized, taxonomySelectors, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { DuplicateProposals } from './DuplicateProposals';
import { Guidance } from './Guidance';
import { runTask } from '../../store/errors/errorStore';
import { releaseIntake, submitIntake } from './intakeActions';
import { NamedLocationText, useLocationName } from '../places/NamedLocation';
import { PlaceSearch } from './PlaceSearch';
import { TypePicker } from './TypePicker';

const priorities: readonly Priority[] = [1, 2, 3, 4];
/** Opens the mahalla, zuqaq, dar and landmark fields from anywhere in the "where" section. */
const ADDRESS_PARTS_KEY = 'Alt+A';
const releaseReasons = ['no-emergency', 'misdial', 'abandoned', 'test', 'other'] as const;

type IssueKey =
  | 'intake.errors.typeRequired'
  | 'intake.errors.typeUnknown'
  | 'intake.errors.priorityReason'
  | 'intake.errors.phone'
  | 'intake.errors.invalid';

/** Host and form messages are technical English; each field shows its own translated one. */
function issueKey(issue: FieldIssue): IssueKey {
  if (issue.path === 'typeCode')
    return issue.message === 'required' ? 'intake.errors.typeRequired' : 'intake.errors.typeUnknown';
  if (issue.path === 'priorityReason') return 'intake.errors.priorityReason';
  if (issue.path === 'callerNumber') return 'intake.errors.phone';
  return 'intake.errors.invalid';
}

function Field(props: {
  id: string;
  label: ReactNode;
  issue?: FieldIssue | undefined;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field${props.wide ? ' field-wide' : ''}${props.issue ? ' field-invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.issue && (
        <p className="field-error" id={`${props.id}-error`} role="alert" data-testid={`error-${props.id}`}>
          {t(issueKey(props.issue))}
        </p>
      )}
    </div>
  );
}

/**
 * One intake, keyboard-first, in the order a call-taker asks: where, what, how urgent, who,
 * what happened. Every change is kept by the host as it is typed.
 */
export function IntakeForm(props: { draft: IntakeDraft }) {
  const { draft } = props;
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const edit = useIntakeStore((state) => state.edit);
  const issues = useIntakeStore((state) => state.issues[draft.id]);
  const proposals = useIntakeStore((state) => state.proposals[draft.id]);
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  const type = useTaxonomyStore((state) => taxonomySelectors.type(state, draft.typeCode));
  const call = useCallStore((state) => (draft.callId ? state.byId[draft.callId] : undefined));
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const locationName = useLocationName(draft.location);
  const [noteText, setNoteText] = useState('');
  const [releasing, setReleasing] = useState(false);

  const id = (field: string): string => `intake-${draft.id}-${field}`;
  const issue = (path: string): FieldIssue | undefined => issues?.find((entry) => entry.path === path);
  const describedBy = (path: string): string | undefined => (issue(path) ? `${id(path)}-error` : undefined);
  const typeDescribedBy = describedBy('typeCode');
  const effectivePriority = draft.priority ?? type?.defaultPriority ?? null;
  const priorityChanged =
    type !== undefined && effectivePriority !== null && effectivePriority !== type.defaultPriority;
  const visibleProposals = (proposals ?? []).filter(
    (proposal) => !draft.rejectedDuplicates.includes(proposal.incident.id),
  );
  const agencies = [...new Set([...(type?.agencies ?? []), ...draft.extraAgencies])];
  const searchPlaces = (query: string, near: { lat: number; lon: number } | null): Promise<readonly PlaceHit[]> =>
    remote.place.search({ query, limit: 8, ...(near && { near }) });

  // Mahalla, zuqaq, dar and landmark show once asked for (Alt+A, or the link) or once one is filled,
  // e.g. read from an address typed in one line; until then they take no Tab stops.
  const [partsAsked, setPartsAsked] = useState(false);
  const showParts = partsAsked || compactAddress(draft.addressParts) !== null;
  const openParts = (): void => {
    setPartsAsked(true);
    // After the render that shows them.
    requestAnimationFrame(() => document.getElementById(id('mahalla'))?.focus());
  };
  const onWhereKey = (event: KeyboardEvent<HTMLFieldSetElement>): void => {
    if (event.altKey && event.code === 'KeyA') {
      event.preventDefault();
      openParts();
    }
  };

  const addNote = (): void => {
    const text = noteText.trim();
    if (!text) return;
    edit(draft.id, { narrative: [...draft.narrative, { at: Date.now(), text }] });
    setNoteText('');
  };
  const onNoteKey = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    // Enter files the entry with its time; Shift+Enter is a new line; Ctrl+Enter submits (global).
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      addNote();
    }
  };

  return (
    <form
      className="intake"
      data-testid="intake-form"
      aria-label={t('intake.title')}
      onSubmit={(event) => {
        event.preventDefault();
        if (noteText.trim()) addNote();
        runTask(submitIntake(remote, draft.id));
      }}
    >
      <div className="intake-main">
        {call && (
          <div className="intake-call" data-testid="intake-call">
            <span className="call-source">{t(`call.source.${call.source}`)}</span>
            {call.callerNumber && (
              <bdi className="call-number" translate="no" dir="ltr">
                {call.callerNumber}
              </bdi>
            )}
            <span>{t('intake.receivedAt', { time: formatClock(call.receivedAt, language, timeZone) })}</span>
            {call.classOfService && (
              <span className="call-cos" translate="no">
                {call.classOfService}
              </span>
            )}
            {call.repeatOf.length > 0 && <span className="badge badge-warn">{t('call.repeat')}</span>}
          </div>
        )}
        {call?.callerScript && call.callerScript.length > 0 && (
          // Demo and drill lines only: what the simulated caller says, in place of a voice.
          <blockquote className="intake-caller-script" data-testid="intake-caller-script" dir="auto">
            <div className="intake-caller-script-title">{t('intake.callerScript')}</div>
            {call.callerScript.map((line, index) => (
              <p key={index}>{line}</p>
            ))}
          </blockquote>
        )}

        <DuplicateProposals draftId={draft.id} callId={draft.callId} proposals={visibleProposals} />

        <fieldset className="intake-section" onKeyDown={onWhereKey}>
          <legend>{t('intake.where')}</legend>
          <Field id={id('place')} label={t('intake.place')} wide>
            <PlaceSearch
              inputId={id('place')}
              search={searchPlaces}
              near={draft.location}
              onPick={(pick) =>
                edit(draft.id, {
                  location: { lat: pick.lat, lon: pick.lon, source: pick.source },
                  ...(pick.label !== null && draft.address.trim() === '' && { address: pick.label }),
                })
              }
            />
          </Field>
          <div className="location-line" data-testid="intake-location">
            {draft.location ? (
              <>
                <bdi translate="no" dir="ltr">
                  {draft.location.lat.toFixed(5)}, {draft.location.lon.toFixed(5)}
                </bdi>
                <NamedLocationText name={locationName} testId="intake-location-name" className="location-name" />
                <span className="option-meta">
                  {t(`intake.locationSource.${draft.location.source}`)}
                  {draft.location.accuracyM !== undefined &&
                    ` · ${t('intake.accuracy', { metres: Math.round(draft.location.accuracyM) })}`}
                </span>
                {/* Off the Tab path: the keyboard route goes place → address; Escape-free clearing is a mouse act. */}
                <button
                  type="button"
                  className="link-button"
                  tabIndex={-1}
                  onClick={() => edit(draft.id, { location: null })}
                >
                  {t('intake.clearLocation')}
                </button>
              </>
            ) : (
              <span className="option-meta">{t('intake.noLocation')}</span>
            )}
          </div>
          <Field id={id('address')} label={t('intake.address')} wide>
            <input
              id={id('address')}
              className="field-input"
              data-testid="address"
              dir="auto"
              value={draft.address}
              maxLength={500}
              onChange={(event) => edit(draft.id, { address: event.target.value })}
              onBlur={() => {
                // "محلة 905 زقاق 12 دار 7" typed as one line fills the empty part fields.
                const parsed = compactAddress(parseIraqiAddress(draft.address));
                const current = draft.addressParts ?? {};
                const missing = Object.entries(parsed ?? {}).filter(
                  ([name]) => !current[name as IraqiAddressPart]?.trim(),
                );
                if (missing.length > 0)
                  edit(draft.id, { addressParts: { ...current, ...Object.fromEntries(missing) } });
              }}
            />
          </Field>
          {!showParts && (
            // Off the Tab path, like clearing the location: a call whose address came with it keeps its keys.
            <button
              type="button"
              className="link-button"
              tabIndex={-1}
              onClick={openParts}
              data-testid="address-parts-open"
            >
              {t('intake.addressParts.open')} <ShortcutKey keys={ADDRESS_PARTS_KEY} />
            </button>
          )}
          {showParts && (
            <div className="address-parts" role="group" aria-label={t('intake.addressParts.legend')}>
              {iraqiAddressParts.map((name) => (
                <Field key={name} id={id(name)} label={t(`intake.addressParts.${name}`)} wide={name === 'landmark'}>
                  <input
                    id={id(name)}
                    className="field-input"
                    data-testid={`address-${name}`}
                    dir="auto"
                    value={draft.addressParts?.[name] ?? ''}
                    maxLength={name === 'landmark' ? 200 : 20}
                    onChange={(event) =>
                      edit(draft.id, { addressParts: { ...draft.addressParts, [name]: event.target.value } })
                    }
                  />
                </Field>
              ))}
            </div>
          )}
        </fieldset>

        <fieldset className="intake-section">
          <legend>{t('intake.what')}</legend>
          <Field id={id('typeCode')} label={t('intake.type')} issue={issue('typeCode')} wide>
            <TypePicker
              inputId={id('typeCode')}
              value={draft.typeCode}
              invalid={issue('typeCode') !== undefined}
              {...(typeDescribedBy !== undefined && { describedBy: typeDescribedBy })}
              onChange={(typeCode) => edit(draft.id, { typeCode, priority: null, priorityReason: '' })}
            />
          </Field>
          <Field id={id('priority')} label={t('intake.priority')}>
            <select
              id={id('priority')}
              className="field-input"
              data-testid="priority"
              value={effectivePriority ?? ''}
              onChange={(event) => {
                const chosen = priorities.find((priority) => String(priority) === event.target.value);
                if (chosen !== undefined) edit(draft.id, { priority: chosen });
              }}
            >
              {effectivePriority === null && <option value="">{t('intake.priorityFromType')}</option>}
              {priorities.map((priority) => (
                <option key={priority} value={priority}>
                  {t(`priority.${String(priority) as '1' | '2' | '3' | '4'}`)}
                </option>
              ))}
            </select>
          </Field>
          {priorityChanged && (
            <Field id={id('priorityReason')} label={t('intake.priorityReason')} issue={issue('priorityReason')}>
              <input
                id={id('priorityReason')}
                className="field-input"
                data-testid="priority-reason"
                value={draft.priorityReason}
                maxLength={500}
                aria-invalid={issue('priorityReason') !== undefined}
                aria-describedby={describedBy('priorityReason')}
                onChange={(event) => edit(draft.id, { priorityReason: event.target.value })}
              />
            </Field>
          )}
          <div className="field field-wide">
            <span className="field-label">{t('intake.agencies')}</span>
            <ul className="agency-chips" data-testid="intake-agencies">
              {agencies.map((code) => {
                const agency = taxonomy?.agencies.find((entry) => entry.code === code);
                const extra = draft.extraAgencies.includes(code) && !type?.agencies.includes(code);
                return (
                  <li key={code} className="chip" data-agency={code}>
                    <span className="chip-dot" style={{ backgroundColor: agency?.color }} aria-hidden="true" />
                    {localized(agency?.name, language, code)}
                    {extra && (
                      <button
                        type="button"
                        className="chip-remove"
                        aria-label={t('intake.removeAgency')}
                        onClick={() =>
                          edit(draft.id, { extraAgencies: draft.extraAgencies.filter((entry) => entry !== code) })
                        }
                      >
                        ×
                      </button>
                    )}
                  </li>
                );
              })}
              <li>
                <select
                  className="field-input field-compact"
                  aria-label={t('intake.addAgency')}
                  value=""
                  onChange={(event) =>
                    event.target.value &&
                    edit(draft.id, { extraAgencies: [...draft.extraAgencies, event.target.value] })
                  }
                >
                  <option value="">{t('intake.addAgency')}</option>
                  {(taxonomy?.agencies ?? [])
                    .filter((agency) => !agencies.includes(agency.code))
                    .map((agency) => (
                      <option key={agency.code} value={agency.code}>
                        {localized(agency.name, language, agency.code)}
                      </option>
                    ))}
                </select>
              </li>
            </ul>
          </div>
        </fieldset>

        <fieldset className="intake-section">
          <legend>{t('intake.who')}</legend>
          <Field id={id('callerNumber')} label={t('intake.callerNumber')} issue={issue('callerNumber')}>
            <input
              id={id('callerNumber')}
              className="field-input"
              dir="ltr"
              inputMode="tel"
              data-testid="caller-number"
              value={draft.callerNumber}
              maxLength={40}
              aria-invalid={issue('callerNumber') !== undefined}
              aria-describedby={describedBy('callerNumber')}
              onChange={(event) => edit(draft.id, { callerNumber: event.target.value })}
            />
          </Field>
          <Field id={id('callerName')} label={t('intake.callerName')}>
            <input
              id={id('callerName')}
              className="field-input"
              data-testid="caller-name"
              value={draft.callerName}
              maxLength={200}
              onChange={(event) => edit(draft.id, { callerName: event.target.value })}
            />
          </Field>
        </fieldset>

        <fieldset className="intake-section">
          <legend>{t('intake.narrative')}</legend>
          {draft.narrative.length > 0 && (
            <ol className="narrative" data-testid="narrative">
              {draft.narrative.map((entry, index) => (
                <li key={index}>
                  <time>{formatClock(entry.at, language, timeZone)}</time> <span>{entry.text}</span>
                </li>
              ))}
            </ol>
          )}
          <Field
            id={id('note')}
            label={<Trans i18nKey="intake.addNote" components={{ kbd: <kbd translate="no" dir="ltr" /> }} />}
            wide
          >
            <textarea
              id={id('note')}
              className="field-input"
              rows={2}
              data-testid="narrative-input"
              value={noteText}
              maxLength={10_000}
              onChange={(event) => setNoteText(event.target.value)}
              onKeyDown={onNoteKey}
            />
          </Field>
        </fieldset>

        <div className="intake-actions">
          <button type="submit" className="button button-primary" data-testid="create-incident">
            {t('intake.create')}
          </button>
          {releasing ? (
            <div className="release" role="group" aria-label={t('intake.releaseTitle')}>
              {releaseReasons.map((reason) => (
                <button
                  key={reason}
                  type="button"
                  className="button"
                  onClick={() => runTask(releaseIntake(remote, draft.id, reason))}
                >
                  {t(`intake.release.${reason}`)}
                </button>
              ))}
              <button type="button" className="link-button" onClick={() => setReleasing(false)}>
                {t('intake.cancel')}
              </button>
            </div>
          ) : (
            <button type="button" className="button" data-testid="release" onClick={() => setReleasing(true)}>
              {t('intake.releaseTitle')}
            </button>
          )}
        </div>
      </div>
      <Guidance typeCode={draft.typeCode} call={call} />
    </form>
  );
}

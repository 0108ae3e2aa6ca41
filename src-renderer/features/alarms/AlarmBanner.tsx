import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { alarmSubjectKind, isAlarmSounding, type Alarm, type AlarmKind } from '../../../src-shared/domain/alarm';
import { sessionSelectors, useSessionStore } from '../../store/session/sessionStore';
import { formatClock, formatCount } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { currentLanguage } from '../../i18n';
import { alarmSelectors, useAlarmStore } from '../../store/alarms/alarmStore';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { useMapUiStore } from '../map/mapUiStore';
import { startAlarmTone } from './alarmSound';
import { useRadioEmergencies, type RadioEmergencyView } from './radioEmergency';
import './alarms.css';

function SubjectLabel(props: { alarm: Alarm }) {
  const { t } = useTranslation();
  const kind = alarmSubjectKind[props.alarm.kind];
  return (
    <span>
      {kind === 'unit' ? t('alarm.unit') : kind === 'incident' ? t('alarm.incident') : t('alarm.call')}{' '}
      {/* A caller's number reads left to right; a callsign keeps its own direction (`دفاع-305`). */}
      <bdi translate="no" dir={kind === 'call' ? 'ltr' : 'auto'} data-testid="alarm-subject">
        {props.alarm.subject}
      </bdi>
    </span>
  );
}

function useClock(): (utcMs: number) => string {
  const language = currentLanguage();
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  return (utcMs) => formatClock(utcMs, language, timeZone);
}

/** One clock alarm: what, about whom, since when; open its incident, acknowledge it. */
function ClockAlarmRow(props: { alarm: Alarm }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const clock = useClock();
  const selectIncident = useSelectionStore((state) => state.selectIncident);
  const { alarm } = props;
  return (
    <li
      className={`alarm alarm-${alarm.severity}`}
      data-testid="alarm"
      data-kind={alarm.kind}
      data-subject={alarm.subject}
    >
      <strong>{t(`alarm.kind.${alarm.kind}`)}</strong>
      <SubjectLabel alarm={alarm} />
      <span>{t('alarm.since', { time: clock(alarm.raisedAt) })}</span>
      <span className="alarm-actions">
        {alarm.incidentId && (
          <button
            type="button"
            className="button"
            data-testid="alarm-open-incident"
            onClick={() => selectIncident(alarm.incidentId ?? null)}
          >
            {t('alarm.openIncident')}
          </button>
        )}
        <button
          type="button"
          className="button"
          data-testid="alarm-acknowledge"
          onClick={() => runTask(remote.alarm.acknowledge({ alarmId: alarm.id }))}
        >
          {t('alarm.acknowledge')}
        </button>
      </span>
    </li>
  );
}

/**
 * A unit's emergency button: its callsign, incident and last position, a zoom to it on the map, and
 * the two steps: acknowledge (someone is on it; the alarm stays, saying who) and resolve (with a note).
 */
function RadioEmergencyRow(props: { view: RadioEmergencyView }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const clock = useClock();
  const selectIncident = useSelectionStore((state) => state.selectIncident);
  const requestZoom = useMapUiStore((state) => state.requestZoom);
  const [resolving, setResolving] = useState(false);
  const [note, setNote] = useState('');
  const { alarm, position } = props.view;
  const sounding = isAlarmSounding(alarm);
  const resolve = (): void => {
    if (note.trim() === '') return;
    runTask(remote.alarm.resolve({ alarmId: alarm.id, note: note.trim() }));
  };
  return (
    <li
      className={`alarm alarm-emergency${sounding ? '' : ' alarm-acknowledged'}`}
      data-testid="alarm"
      data-kind={alarm.kind}
      data-subject={alarm.subject}
      data-acknowledged={sounding ? 'false' : 'true'}
    >
      <strong>{t('alarm.kind.radio-emergency')}</strong>
      <span>
        {t('alarm.unit')}{' '}
        <bdi translate="no" data-testid="alarm-callsign">
          {props.view.label}
        </bdi>
        {props.view.unit && (
          <>
            {' '}
            (
            <bdi translate="no" dir="ltr">
              {alarm.subject}
            </bdi>
            )
          </>
        )}
      </span>
      {props.view.incidentNumber && (
        <span data-testid="alarm-incident">
          {t('alarm.incident')}{' '}
          <bdi translate="no" dir="ltr">
            {props.view.incidentNumber}
          </bdi>
        </span>
      )}
      <span data-testid="alarm-position">
        {position ? (
          <>
            {t('alarm.lastPosition')}{' '}
            <bdi translate="no" dir="ltr">
              {position.lat.toFixed(5)}, {position.lon.toFixed(5)}
            </bdi>
            {position.at !== null && ` (${clock(position.at)})`}
          </>
        ) : (
          t('alarm.noPosition')
        )}
      </span>
      <span>{t('alarm.since', { time: clock(alarm.raisedAt) })}</span>
      {!sounding && alarm.acknowledgedBy && (
        <span className="alarm-by" data-testid="alarm-acknowledged-by">
          {t('alarm.acknowledgedBy', { who: alarm.acknowledgedBy, time: clock(alarm.acknowledgedAt ?? 0) })}
        </span>
      )}
      <span className="alarm-actions">
        {position && (
          <button type="button" className="button" data-testid="alarm-zoom" onClick={() => requestZoom(position)}>
            {t('alarm.zoom')}
          </button>
        )}
        {props.view.incidentId && (
          <button
            type="button"
            className="button"
            data-testid="alarm-open-incident"
            onClick={() => selectIncident(props.view.incidentId)}
          >
            {t('alarm.openIncident')}
          </button>
        )}
        {sounding && (
          <button
            type="button"
            className="button"
            data-testid="alarm-acknowledge"
            onClick={() => runTask(remote.alarm.acknowledge({ alarmId: alarm.id }))}
          >
            {t('alarm.acknowledge')}
          </button>
        )}
        {!resolving && (
          <button type="button" className="button" data-testid="alarm-resolve" onClick={() => setResolving(true)}>
            {t('alarm.resolve')}
          </button>
        )}
      </span>
      {resolving && (
        <form
          className="alarm-resolve"
          onSubmit={(event) => {
            event.preventDefault();
            resolve();
          }}
        >
          <label>
            {t('alarm.resolutionNote')}{' '}
            <input
              // The note is the next thing to type once the dispatcher chose to resolve.
              autoFocus
              dir="auto"
              maxLength={1000}
              value={note}
              data-testid="alarm-resolve-note"
              onChange={(event) => setNote(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setResolving(false);
              }}
            />
          </label>
          <button type="submit" className="button" data-testid="alarm-resolve-confirm" disabled={note.trim() === ''}>
            {t('alarm.resolveConfirm')}
          </button>
          <button type="button" className="button" onClick={() => setResolving(false)}>
            {t('alarm.cancel')}
          </button>
        </form>
      )}
    </li>
  );
}

/** Every alarm of one clock kind, collapsed to one line with its count until opened. */
function AlarmGroup(props: { kind: AlarmKind; alarms: readonly Alarm[] }) {
  const { t } = useTranslation();
  const clock = useClock();
  const [open, setOpen] = useState(false);
  const [first] = props.alarms;
  if (!first) return null;
  if (props.alarms.length === 1) return <ClockAlarmRow alarm={first} />;
  const severity = props.alarms.some((alarm) => alarm.severity === 'emergency') ? 'emergency' : 'warning';
  return (
    <li className="alarm-group" data-testid="alarm-group" data-kind={props.kind}>
      <button
        type="button"
        className={`alarm alarm-${severity} alarm-group-toggle`}
        aria-expanded={open}
        data-testid="alarm-group-toggle"
        onClick={() => setOpen(!open)}
      >
        <strong>{t(`alarm.kind.${props.kind}`)}</strong>
        <span className="count" data-testid="alarm-group-count">
          {formatCount(props.alarms.length, currentLanguage())}
        </span>
        <span>{t('alarm.oldest', { time: clock(first.raisedAt) })}</span>
        <span className="alarm-actions">{open ? t('alarm.collapse') : t('alarm.expand')}</span>
      </button>
      {open && (
        <ol className="alarm-group-list">
          {props.alarms.map((alarm) => (
            <ClockAlarmRow key={alarm.id} alarm={alarm} />
          ))}
        </ol>
      )}
    </li>
  );
}

/**
 * The alarm area: one bounded strip under the header (never more than a fixed share of the
 * screen, scrolling inside), so the queue, the incidents and the map always keep their room.
 * Radio emergencies come first, each on its own line, until resolved; clock alarms are grouped
 * by kind with a count, most severe first. The shift lead acknowledges every waiting call at once.
 * Sounds while anything is unacknowledged.
 */
export function AlarmBanner() {
  const { t } = useTranslation();
  const remote = useRemote();
  const alarms = useAlarmStore(useShallow(alarmSelectors.ordered));
  const emergencies = useRadioEmergencies();
  const supervisor = useSessionStore(sessionSelectors.isSupervisor);
  const sounding = alarms.some(isAlarmSounding);

  useEffect(() => (sounding ? startAlarmTone() : undefined), [sounding]);

  if (alarms.length === 0) return null;
  // `ordered` is already by severity and rank: groups keep that order.
  const groups = new Map<AlarmKind, Alarm[]>();
  for (const alarm of alarms) {
    if (alarm.kind === 'radio-emergency') continue;
    groups.set(alarm.kind, [...(groups.get(alarm.kind) ?? []), alarm]);
  }
  const counts: (readonly [AlarmKind, number])[] = [
    ...(emergencies.length > 0 ? [['radio-emergency', emergencies.length] as const] : []),
    ...[...groups].map(([kind, list]) => [kind, list.length] as const),
  ];
  const waitingCalls = groups.get('call-waiting')?.filter(isAlarmSounding).length ?? 0;
  return (
    <section
      className="alarm-area"
      role="alert"
      aria-live="assertive"
      aria-label={t('alarm.area')}
      data-testid="alarm-banner"
    >
      <div className="alarm-summary" data-testid="alarm-summary">
        {counts.map(([kind, count]) => (
          <span
            key={kind}
            className={`alarm-chip alarm-chip-${kind}`}
            data-testid="alarm-count"
            data-kind={kind}
            data-count={count}
          >
            {t(`alarm.kind.${kind}`)} <span className="count">{formatCount(count, currentLanguage())}</span>
          </span>
        ))}
        {supervisor && waitingCalls > 1 && (
          <button
            type="button"
            className="button alarm-ack-all"
            data-testid="alarm-acknowledge-all-calls"
            onClick={() => runTask(remote.alarm.acknowledgeAll({ kind: 'call-waiting' }))}
          >
            {t('alarm.acknowledgeAllCalls', { n: formatCount(waitingCalls, currentLanguage()) })}
          </button>
        )}
      </div>
      <ol className="alarm-list">
        {emergencies.map((view) => (
          <RadioEmergencyRow key={view.alarm.id} view={view} />
        ))}
        {[...groups].map(([kind, list]) => (
          <AlarmGroup key={kind} kind={kind} alarms={list} />
        ))}
      </ol>
    </section>
  );
}

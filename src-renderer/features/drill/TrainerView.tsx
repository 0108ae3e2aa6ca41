import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteApi } from '../../../src-shared/contract/api';
import type { DrillScenarioSummary, DrillState, InjectRunRow } from '../../../src-shared/domain/drill/drillRun';
import { formatCount } from '../../../src-shared/domain/time';
import { EmptyState, Pane } from '../../app/Pane';
import { useRemote } from '../../app/RemoteContext';
import { applyHostEvent } from '../../app/hostFeed';
import { currentLanguage } from '../../i18n';
import { useConsoleStore } from '../../store/console/consoleStore';
import { useDrillStore } from '../../store/drill/drillStore';
import { runTask } from '../../store/errors/errorStore';
import { sessionSelectors, useSessionStore } from '../../store/session/sessionStore';
import { localized } from '../../store/taxonomy/taxonomyStore';
import {
  DRILL_SPEEDS,
  drillControls,
  formatDrillTime,
  formatSpeed,
  injectControls,
  liveClock,
  type InjectControls,
  seenStates,
} from './trainerBoard';
import './trainer.css';

/**
 * The trainer's window on a drill console (issue 19, docs/drills.md): pick and load a scenario, start
 * it at a speed, pause, resume or change the speed, and run the board — each inject with its time,
 * status and the states the run saw, fired now, held, released or skipped by hand — beside what could
 * not be delivered. The board is the host's (`onDrillChanged`, trainers only); the window sends the
 * controls and lets the clock run between events.
 */

const isTrainerSelector = sessionSelectors.hasRole('trainer');

/** A control's reply is the drill's new state: shown at once (the event that follows changes nothing). */
function send(request: Promise<DrillState>): void {
  runTask(request.then((drill) => applyHostEvent({ name: 'onDrillChanged', payload: drill })));
}

export function TrainerView() {
  const { t } = useTranslation();
  const isTrainer = useSessionStore(isTrainerSelector);
  const profile = useConsoleStore((state) => state.info?.profile ?? null);
  if (!isTrainer)
    return (
      <Pane id="trainer" title={t('drill.title')}>
        <EmptyState icon={<TrainerIcon />} title={t('drill.trainersOnly')} hint={t('drill.trainersOnlyHint')} />
      </Pane>
    );
  if (profile !== null && profile !== 'drill')
    return (
      <Pane id="trainer" title={t('drill.title')}>
        <EmptyState icon={<TrainerIcon />} title={t('drill.drillConsoleOnly')} hint={t('drill.drillConsoleOnlyHint')} />
      </Pane>
    );
  return <TrainerBoard />;
}

function TrainerBoard() {
  const { t } = useTranslation();
  const drill = useDrillStore((state) => state.drill);
  return (
    <div className="trainer-view" data-testid="trainer-view">
      <div className="trainer-top">
        <ScenarioPicker drill={drill} />
        <DrillPanel drill={drill} />
      </div>
      {drill ? (
        <div className="trainer-main">
          <InjectBoard drill={drill} />
          <NoticeList drill={drill} />
        </div>
      ) : (
        <p className="trainer-empty" data-testid="drill-none">
          {t('drill.noneLoaded')}
        </p>
      )}
    </div>
  );
}

function ScenarioPicker(props: { drill: DrillState | null }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const [scenarios, setScenarios] = useState<readonly DrillScenarioSummary[] | null>(null);
  useEffect(() => {
    runTask(remote.drill.scenarios({}).then(setScenarios));
  }, [remote]);
  const controls = drillControls(props.drill);
  return (
    <section className="trainer-section trainer-scenarios" aria-labelledby="drill-scenarios-title">
      <h2 id="drill-scenarios-title">{t('drill.scenarios')}</h2>
      {scenarios === null ? (
        <p className="trainer-empty">{t('drill.loadingScenarios')}</p>
      ) : scenarios.length === 0 ? (
        <p className="trainer-empty">{t('drill.noScenarios')}</p>
      ) : (
        <div className="trainer-scroll">
          <table className="trainer-table" data-testid="drill-scenarios">
            <thead>
              <tr>
                <th>{t('drill.scenario')}</th>
                <th>{t('drill.level')}</th>
                <th>{t('drill.duration')}</th>
                <th>{t('drill.injectCount')}</th>
                <th>{t('drill.load')}</th>
              </tr>
            </thead>
            <tbody>
              {scenarios.map((scenario) => {
                const current = props.drill?.scenarioId === scenario.id;
                return (
                  <tr
                    key={scenario.file}
                    data-testid="drill-scenario"
                    data-file={scenario.file}
                    aria-current={current ? 'true' : undefined}
                    className={current ? 'trainer-current' : undefined}
                  >
                    <td>{localized(scenario.title, language, scenario.id)}</td>
                    <td>{t(`drill.levelName.${scenario.level}`)}</td>
                    <td className="trainer-time">{formatDrillTime(scenario.durationSeconds, language)}</td>
                    <td className="trainer-time">{formatCount(scenario.injects, language)}</td>
                    <td>
                      <button
                        type="button"
                        className="button"
                        data-testid="drill-load"
                        disabled={!controls.load}
                        aria-label={t('drill.loadScenario', {
                          title: localized(scenario.title, language, scenario.id),
                        })}
                        onClick={() => send(remote.drill.load({ file: scenario.file }))}
                      >
                        {t('drill.load')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DrillPanel(props: { drill: DrillState | null }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const { drill } = props;
  const [chosenSpeed, setChosenSpeed] = useState<number>(1);
  const controls = drillControls(drill);
  const speed = controls.setSpeed && drill ? drill.speed : chosenSpeed;
  return (
    <section className="trainer-section trainer-panel" aria-labelledby="drill-panel-title">
      <h2 id="drill-panel-title">
        {drill ? (
          <span data-testid="drill-title">{localized(drill.title, language, drill.scenarioId)}</span>
        ) : (
          t('drill.noDrill')
        )}
      </h2>
      <DrillClock drill={drill} />
      <div className="trainer-controls" role="group" aria-label={t('drill.controls')}>
        <label className="trainer-speed">
          {t('drill.speed')}
          <select
            data-testid="drill-speed"
            value={String(speed)}
            disabled={drill === null || drill.status === 'ended'}
            onChange={(event) => {
              const next = Number(event.target.value);
              setChosenSpeed(next);
              if (controls.setSpeed) send(remote.drill.setSpeed({ speed: next }));
            }}
          >
            {DRILL_SPEEDS.map((option) => (
              <option key={option} value={String(option)}>
                {formatSpeed(option, language)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button-primary"
          data-testid="drill-start"
          disabled={!controls.start}
          onClick={() => send(remote.drill.start({ speed: chosenSpeed }))}
        >
          {t('drill.start')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="drill-pause"
          disabled={!controls.pause}
          onClick={() => send(remote.drill.pause({}))}
        >
          {t('drill.pause')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="drill-resume"
          disabled={!controls.resume}
          onClick={() => send(remote.drill.resume({}))}
        >
          {t('drill.resume')}
        </button>
      </div>
    </section>
  );
}

/** The drill clock: its own component, so its ticking redraws it alone. */
function DrillClock(props: { drill: DrillState | null }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const receivedAt = useDrillStore((state) => state.receivedAt);
  const { drill } = props;
  const ticking = drill?.status === 'running' || drill?.status === 'paused';
  const now = useWindowNow(ticking ? 250 : null);
  const clock = drill ? liveClock(drill, receivedAt, now) : { seconds: 0, pausedMs: 0 };
  const status = drill?.status ?? 'none';
  return (
    <dl className="trainer-clock" data-testid="drill-clock-panel">
      <div>
        <dt>{t('drill.clock')}</dt>
        <dd className="trainer-clock-time">
          <span data-testid="drill-clock">{formatDrillTime(clock.seconds, language)}</span>
          <span className="trainer-clock-of">
            {' / '}
            {formatDrillTime(drill?.durationSeconds ?? 0, language)}
          </span>
        </dd>
      </div>
      <div>
        <dt>{t('drill.status')}</dt>
        <dd>
          <span
            className={`badge trainer-status trainer-status-${status}`}
            data-testid="drill-status"
            data-status={status}
          >
            {t(`drill.statusName.${status}`)}
          </span>
        </dd>
      </div>
      <div>
        <dt>{t('drill.pausedFor')}</dt>
        <dd className="trainer-time" data-testid="drill-paused-for">
          {formatDrillTime(clock.pausedMs / 1000, language)}
        </dd>
      </div>
      <div>
        <dt>{t('drill.speed')}</dt>
        <dd className="trainer-time" data-testid="drill-speed-shown">
          {formatSpeed(drill?.speed ?? 1, language)}
        </dd>
      </div>
    </dl>
  );
}

/** The window's clock, ticking every `intervalMs` (not at all with null). */
function useWindowNow(intervalMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (intervalMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function InjectBoard(props: { drill: DrillState }) {
  const { t } = useTranslation();
  const { drill } = props;
  return (
    <section className="trainer-section trainer-board" aria-labelledby="drill-board-title">
      <h2 id="drill-board-title">{t('drill.board')}</h2>
      <div className="trainer-scroll">
        <table className="trainer-table" data-testid="drill-board">
          <thead>
            <tr>
              <th>{t('drill.inject')}</th>
              <th>{t('drill.kind')}</th>
              <th>{t('drill.seat')}</th>
              <th>{t('drill.due')}</th>
              <th>{t('drill.injectStatus')}</th>
              <th>{t('drill.states')}</th>
              <th>{t('drill.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {drill.injects.map((row) => (
              <InjectRow key={row.id} drill={drill} row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The controls of one inject, in the order the board shows them. */
const injectActions: readonly {
  readonly name: keyof InjectControls;
  readonly testId: string;
  readonly send: (remote: RemoteApi, injectId: string) => Promise<DrillState>;
}[] = [
  { name: 'fireNow', testId: 'inject-fire-now', send: (remote, injectId) => remote.drill.fireNow({ injectId }) },
  { name: 'hold', testId: 'inject-hold', send: (remote, injectId) => remote.drill.hold({ injectId }) },
  { name: 'release', testId: 'inject-release', send: (remote, injectId) => remote.drill.release({ injectId }) },
  { name: 'skip', testId: 'inject-skip', send: (remote, injectId) => remote.drill.skip({ injectId }) },
];

function InjectRow(props: { drill: DrillState; row: InjectRunRow }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const { drill, row } = props;
  const controls = injectControls(drill, row);
  return (
    <tr data-testid="drill-inject" data-inject={row.id} data-status={row.status}>
      <td>
        <bdi className="trainer-id" id={`drill-inject-${row.id}`} translate="no" dir="ltr">
          {row.id}
        </bdi>
        {row.summary !== null && (
          // The scenario's own words (data, as its author wrote them: not the UI's to translate).
          <div className="trainer-summary" dir="auto" translate="no">
            {row.summary}
          </div>
        )}
      </td>
      <td>{t(`drill.kindName.${row.kind}`)}</td>
      <td>
        {row.seat === null ? (
          '—'
        ) : (
          <bdi translate="no" dir="ltr">
            {row.seat}
          </bdi>
        )}
      </td>
      <td className="trainer-time">
        {row.dueSeconds === null ? t('drill.dueOnState') : formatDrillTime(row.dueSeconds, language)}
      </td>
      <td>
        <span className={`badge trainer-inject-${row.status}`} data-testid="inject-status">
          {t(`drill.injectStatusName.${row.status}`)}
        </span>
      </td>
      <td>
        <ul className="trainer-states">
          {seenStates(row).map(({ state, seconds }) => (
            <li key={state} data-testid="inject-state" data-state={state}>
              {t(`drill.stateName.${state}`)} <span className="trainer-time">{formatDrillTime(seconds, language)}</span>
            </li>
          ))}
        </ul>
      </td>
      <td className="trainer-actions">
        {injectActions.map((action) => (
          <button
            key={action.name}
            type="button"
            className="button trainer-action"
            data-testid={action.testId}
            disabled={!controls[action.name]}
            aria-describedby={`drill-inject-${row.id}`}
            onClick={() => send(action.send(remote, row.id))}
          >
            {t(`drill.action.${action.name}`)}
          </button>
        ))}
      </td>
    </tr>
  );
}

function NoticeList(props: { drill: DrillState }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  // Newest first: what just happened is what the trainer must act on.
  const notices = [...props.drill.notices].reverse();
  return (
    <section className="trainer-section trainer-notices" aria-labelledby="drill-notices-title">
      <h2 id="drill-notices-title">{t('drill.notices')}</h2>
      {notices.length === 0 ? (
        <p className="trainer-empty">{t('drill.noNotices')}</p>
      ) : (
        <ol className="trainer-notice-list" data-testid="drill-notices">
          {notices.map((notice, index) => (
            <li
              key={notices.length - index}
              className={`trainer-notice trainer-notice-${notice.kind}`}
              data-testid="drill-notice"
              data-kind={notice.kind}
            >
              <span className="trainer-time">{formatDrillTime(notice.seconds, language)}</span>
              <span className="badge">{t(`drill.noticeKind.${notice.kind}`)}</span>
              <bdi className="trainer-id" translate="no" dir="ltr">
                {notice.injectId}
              </bdi>
              {notice.code === 'note' ? (
                // A note inject's own words, as the scenario wrote them.
                <bdi className="trainer-notice-text" dir="auto" translate="no">
                  {notice.text}
                </bdi>
              ) : (
                <span className="trainer-notice-text">
                  {t(`drill.noticeText.${notice.code}`, { ...notice.params, defaultValue: notice.text })}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function TrainerIcon() {
  return (
    <svg viewBox="0 0 24 24" width="32" height="32" fill="none" stroke="currentColor" strokeWidth="1.6">
      <circle cx="12" cy="13" r="8" />
      <path d="M12 9v4l3 2M9 2h6" />
    </svg>
  );
}

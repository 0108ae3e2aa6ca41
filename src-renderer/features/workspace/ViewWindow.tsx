import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Pane } from '../../app/Pane';
import { MapIcon } from '../../app/icons';
import type { WindowView } from '../../app/views';
import { useConsoleStore, consoleSelectors } from '../../store/console/consoleStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { AlarmBanner } from '../alarms/AlarmBanner';
import { ErrorToasts } from '../errors/ErrorToasts';
import { TrainerView } from '../drill/TrainerView';
import { Notices } from '../errors/Notices';
import { ConnectionBanner } from '../header/ConnectionBanner';
import { Header } from '../header/Header';
import { StorageBanner } from '../header/StorageBanner';
import { IncidentDetail } from '../incident/IncidentDetail';
import { IncidentSearchBox } from '../incident/IncidentSearchBox';
import { MapPane } from '../map/MapPane';
import { startSelectionSync } from '../map/selectionSync';
import { OutageBanner } from '../outage/OutageBanner';
import { OutageView } from '../outage/OutageView';
import { QueuePane } from '../queue/QueuePane';
import { UnitsPane } from '../units/UnitsPane';
import { WallView } from './WallView';
import './workspace.css';

/** The incident detail window: whatever incident is selected in any window of this console. */
function IncidentWindow() {
  const { t } = useTranslation();
  const selected = useSelectionStore((state) => state.incidentId);
  useEffect(() => {
    const fromUrl = new URLSearchParams(window.location.search).get('incident');
    if (fromUrl) useSelectionStore.getState().selectIncident(fromUrl);
  }, []);
  return (
    <Pane id="incident-window" title={t('workspace.view.incident')}>
      <div className="view-incident">
        <IncidentSearchBox />
        {!selected && (
          <EmptyState icon={<MapIcon />} title={t('workspace.noIncident')} hint={t('workspace.noIncidentHint')} />
        )}
      </div>
    </Pane>
  );
}

function ViewContent(props: { view: Exclude<WindowView, 'console'> }) {
  switch (props.view) {
    case 'map':
      return <MapPane />;
    case 'queue':
      return <QueuePane />;
    case 'incident':
      return <IncidentWindow />;
    case 'units':
      return <UnitsPane />;
    case 'wall':
      return <WallView />;
    case 'outage':
      return <OutageView />;
    case 'trainer':
      return <TrainerView />;
  }
}

/**
 * One part of the console on its own window or tab (a monitor of a multi-screen workstation, the
 * wall display, a spare PC). Same host, same stores, same events as the full console.
 */
export function ViewWindow(props: { view: Exclude<WindowView, 'console'> }) {
  const training = useConsoleStore(consoleSelectors.isTraining);
  useEffect(() => startSelectionSync(), []);
  return (
    <div
      className={`console view-window view-${props.view}${training ? ' console-training' : ''}`}
      // The test hooks keep their first names (`role-window`, `data-role`): the e2e specs read them.
      data-testid="role-window"
      data-role={props.view}
    >
      <Header />
      <AlarmBanner />
      <ConnectionBanner />
      <StorageBanner />
      <OutageBanner />
      <main className="view-body">
        <ViewContent view={props.view} />
      </main>
      <IncidentDetail />
      <Notices />
      <ErrorToasts />
    </div>
  );
}

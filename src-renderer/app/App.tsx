import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AlarmBanner } from '../features/alarms/AlarmBanner';
import { ErrorToasts } from '../features/errors/ErrorToasts';
import { Notices } from '../features/errors/Notices';
import { IncidentDetail } from '../features/incident/IncidentDetail';
import { IntakeWorkspace } from '../features/intake/IntakeWorkspace';
import { ConnectionBanner } from '../features/header/ConnectionBanner';
import { Header } from '../features/header/Header';
import { StorageBanner } from '../features/header/StorageBanner';
import { MapPane } from '../features/map/MapPane';
import { startSelectionSync } from '../features/map/selectionSync';
import { QueuePane } from '../features/queue/QueuePane';
import { UnitsPane } from '../features/units/UnitsPane';
import { CommandBar } from '../features/dispatch/CommandBar';
import { consoleSelectors, useConsoleStore } from '../store/console/consoleStore';
import { useRemote } from './RemoteContext';
import { useShortcuts } from './shortcuts';
import { StatusBar } from './StatusBar';
import { viewFromLocation } from './views';
import { ViewWindow } from '../features/workspace/ViewWindow';
import { OutageBanner } from '../features/outage/OutageBanner';

/**
 * The window's view comes from its address (`?view=map`, `#/map`): the full console, or one part of
 * it on its own monitor, wall display or spare PC (features/workspace).
 */
export function App() {
  const view = viewFromLocation(window.location);
  return view === 'console' ? <FullConsole /> : <ViewWindow view={view} />;
}

/** The console shell: header, then queue | map | units (mirrored in RTL by logical CSS). */
function FullConsole() {
  const training = useConsoleStore(consoleSelectors.isTraining);
  useShortcuts(useRemote());
  useEffect(() => startSelectionSync(), []);
  return (
    <div className={`console${training ? ' console-training' : ''}`} data-testid="console">
      <Header />
      <AlarmBanner />
      <ConnectionBanner />
      <StorageBanner />
      <OutageBanner />
      <main className="console-panes">
        <QueuePane />
        <div className="center-column">
          <IntakeWorkspace />
          <MapPane />
        </div>
        <UnitsPane />
      </main>
      <CommandBar />
      <StatusBar />
      <IncidentDetail />
      <Notices />
      <ErrorToasts />
    </div>
  );
}

/** Shown when a browser opened the console without the access token from `nida serve`. */
export function NoTokenScreen() {
  const { t } = useTranslation();
  return (
    <main className="no-token" data-testid="no-token">
      <h1>{t('connection.noTokenTitle')}</h1>
      <p>{t('connection.noTokenBody')}</p>
    </main>
  );
}

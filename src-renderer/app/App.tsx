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
import { viewForOperator, viewFromLocation } from './views';
import { ViewWindow } from '../features/workspace/ViewWindow';
import { OutageBanner } from '../features/outage/OutageBanner';
import { LockScreen } from '../features/session/LockScreen';
import { SignInScreen } from '../features/session/SignInScreen';
import { sessionSelectors, useSessionStore } from '../store/session/sessionStore';

/**
 * The window's view comes from its address (`?view=map`, `#/map`): the full console, or one part of
 * it on its own monitor, wall display or spare PC (features/workspace); a trainer's full console on a
 * drill console is the trainer window (features/drill). Nothing of it shows until an
 * operator signs in (a wall display may be configured to need nobody); a locked session shows only
 * the lock screen.
 */
export function App() {
  const session = useSessionStore((state) => state.session);
  const isTrainer = useSessionStore(isTrainerSelector);
  const profile = useConsoleStore((state) => state.info?.profile ?? null);
  const view = viewForOperator(viewFromLocation(window.location), { isTrainer, profile });
  if (!session) return <ConnectingScreen />;
  if (session.state === 'locked') return <LockScreen />;
  if (session.state === 'signed-out' && !(view === 'wall' && session.wallWithoutSignIn)) return <SignInScreen />;
  return view === 'console' ? <FullConsole /> : <ViewWindow view={view} />;
}

const isTrainerSelector = sessionSelectors.hasRole('trainer');

/** Until the host has said who is signed in here. */
function ConnectingScreen() {
  const { t } = useTranslation();
  return (
    <main className="no-token" data-testid="connecting" aria-busy="true">
      <p>{t('session.connecting')}</p>
    </main>
  );
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

import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/600.css';
import '@fontsource/noto-sans-arabic/700.css';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import './app/console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, NoTokenScreen } from './app/App';
import { connectStores } from './app/bootstrap';
import { startIntakeSync } from './features/intake/intakeSync';
import { startIdleLock } from './features/session/idleLock';
import { RemoteContext } from './app/RemoteContext';
import { initI18n, savedLanguage } from './i18n';
import { chooseTransport, createRemote } from './transport';

async function start(): Promise<void> {
  // Arabic first; a workstation keeps the language its dispatcher chose.
  await initI18n(savedLanguage() ?? 'ar');
  const rootElement = document.getElementById('root');
  if (!rootElement) throw new Error('index.html has no #root');
  const root = createRoot(rootElement);

  const choice = chooseTransport();
  if (!choice.transport) {
    root.render(<NoTokenScreen />);
    return;
  }
  const remote = createRemote(choice.transport);
  connectStores(choice.transport, remote);
  startIntakeSync(remote);
  startIdleLock(remote);
  root.render(
    <StrictMode>
      <RemoteContext value={remote}>
        <App />
      </RemoteContext>
    </StrictMode>,
  );
}

void start();

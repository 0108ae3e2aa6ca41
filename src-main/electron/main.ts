import { demoOperatorLines, seedDemoOperators } from '../services/operators/demoOperators';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  Menu,
  app,
  ipcMain,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type Rectangle,
} from 'electron';
import { loadConfig } from '../config/config';
import { createHost, type Host } from '../host/createHost';
import { createFileLogger } from '../host/logger';
import { MapFiles } from '../http/mapFiles';
import { IPC_EVENT, IPC_INVOKE } from '../../src-shared/contract/bridge';
import { createIpcTransport } from '../transports/ipc';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { APP_ORIGIN, isAppUrl } from './policy';
import { devToolsEnabled, forbiddenSwitchesPresent, hardenSession, installSecurityHandlers } from './security';
import { startWindowManager, windowMenu, type WindowManager } from './windows';

// The Electron shell: lifecycle, windows, menus and security. Everything else is the host.

const outDir = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const preloadPath = join(outDir, 'preload', 'index.cjs');
const rendererDir = join(outDir, 'renderer');

function dataDirFromArgs(argv: readonly string[]): string | undefined {
  const flag = argv.find((arg) => arg.startsWith('--nida-data='));
  return flag?.slice('--nida-data='.length) || undefined;
}

registerAppScheme();
app.enableSandbox();
installSecurityHandlers();

let host: Host | undefined;
let windowManager: WindowManager | undefined;
let mapFiles: MapFiles | undefined;
const windows = new Set<BrowserWindow>();

/** One console window; which part of the console it shows, and where, comes from the layout (windows.ts). */
function createConsoleWindow(url = `${APP_ORIGIN}/index.html`, bounds?: Rectangle): BrowserWindow {
  const window = new BrowserWindow({
    ...(bounds ?? { width: 1600, height: 960 }),
    // View windows (queue, unit board) may take half a screen; placement.ts keeps MIN_WINDOW too.
    minWidth: 480,
    minHeight: 360,
    backgroundColor: '#0d1420',
    title: 'Nida',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      webviewTag: false,
      spellcheck: false,
      // Alarms (a unit's emergency button) must sound before anyone has clicked in the window.
      autoplayPolicy: 'no-user-gesture-required',
      devTools: devToolsEnabled(),
    },
  });
  windows.add(window);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => windows.delete(window));
  void window.loadURL(url);
  return window;
}

function installMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'resetZoom' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    windowMenu(() => windowManager),
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function start(): void {
  const dataDir = dataDirFromArgs(process.argv) ?? app.getPath('userData');
  const config = loadConfig(dataDir, app.getVersion());
  const logger = createFileLogger(dataDir);
  // From a checkout, better-sqlite3 built for Electron's ABI is kept apart from node_modules' Node build,
  // so `nida serve` and the desktop app both run (docs/desktop.md). Packages have node_modules rebuilt
  // for Electron (npmRebuild) and do not carry this copy.
  const sqliteBinding = join(app.getAppPath(), 'resources', 'native', 'electron', 'better_sqlite3.node');
  const useSqliteBinding = !app.isPackaged && existsSync(sqliteBinding);
  host = createHost(config, { logger, ...(useSqliteBinding && { sqliteNativeBinding: sqliteBinding }) });
  if (config.profile !== 'live') {
    // A demo or drill opens in one command: its operators exist, their passwords go to the log and stdout.
    seedDemoOperators(host.operators).then(
      () => process.stdout.write(`Sign in (${config.profile} operators):\n${demoOperatorLines().join('\n')}\n`),
      (error: unknown) => logger.error({ err: error }, 'could not add the demo operators'),
    );
  }

  const transport = createIpcTransport(host, isAppUrl);
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, channel: unknown, args: unknown) =>
    transport.invoke(event.sender.id, event.senderFrame?.url, channel, args),
  );
  app.on('web-contents-created', (_event, contents) => {
    if (contents.getType() !== 'window') return;
    const detach = transport.attachWindow(contents.id, (hostEvent) => {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT, hostEvent);
    });
    contents.once('destroyed', detach);
  });

  hardenSession();
  mapFiles = new MapFiles(config, {
    logger: logger.child({ service: 'map-files' }),
    ...(useSqliteBinding && { sqliteNativeBinding: sqliteBinding }),
  });
  serveRenderer(rendererDir, mapFiles);
  installMenu();
  windowManager = startWindowManager(host, createConsoleWindow);
}

const debugSwitches = forbiddenSwitchesPresent();
if (debugSwitches.length > 0) {
  process.stderr.write(`Nida refuses to start with debugging switches: ${debugSwitches.join(', ')}\n`);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [first] = windows;
    if (first) {
      if (first.isMinimized()) first.restore();
      first.focus();
    }
  });
  app.on('window-all-closed', () => {
    mapFiles?.close();
    void (host?.dispose() ?? Promise.resolve()).finally(() => app.quit());
  });
  app.on('activate', () => {
    if (windows.size === 0 && host) windowManager?.reopen();
  });
  app.on('before-quit', () => windowManager?.quitting());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      process.stderr.write(`Nida failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      app.exit(1);
    });
}

import type { RemoteApi, SessionState } from '../../src-shared/contract/api';
import { AppError } from '../../src-shared/contract/errors';
import { forgetSessionToken, savedSessionToken } from '../features/session/sessionToken';
import { useConnectionStore } from '../store/connection/connectionStore';
import { runTask } from '../store/errors/errorStore';
import { sessionSelectors, useSessionStore } from '../store/session/sessionStore';
import type { Transport } from '../transport';
import { applyHostEvent, applyHostSnapshot } from './hostFeed';
import { viewFromLocation } from './views';

const HEARTBEAT_MS = 5_000;

/** What every window loads, signed in or not: who the console is, its storage and links, the waiting count. */
async function resyncPublic(remote: RemoteApi): Promise<void> {
  await settleAll([
    remote.system.info({}).then((info) => applyHostSnapshot('info', info)),
    remote.system.storage({}).then((storage) => applyHostSnapshot('storage', storage)),
    remote.system.links({}).then((links) => applyHostSnapshot('links', links)),
    remote.session.waiting({}).then((waiting) => applyHostSnapshot('waiting', waiting)),
  ]);
}

/**
 * Reloads everything the stores project, after the first connect, every reconnect and every sign-in
 * or unlock. Each part lands on its own: a damaged store failing the queue load must not hide the header.
 */
export async function resync(remote: RemoteApi): Promise<void> {
  await settleAll([
    resyncPublic(remote),
    ...recordLoads(remote),
    remote.taxonomy.get({}).then((taxonomy) => applyHostSnapshot('taxonomy', taxonomy)),
    remote.intake.drafts({}).then((drafts) => applyHostSnapshot('drafts', drafts)),
    remote.avl.positions({}).then((positions) => applyHostSnapshot('positions', positions)),
    remote.layout.get({}).then((layout) => applyHostSnapshot('layout', layout)),
    remote.center.status({}).then((status) => applyHostSnapshot('center', status)),
    drillLoad(remote),
  ]);
}

/** The drill's board, for a trainer only (the host refuses everyone else); other operators' windows hold none. */
function drillLoad(remote: RemoteApi): Promise<void> {
  const trainer = sessionSelectors.hasRole('trainer')(useSessionStore.getState());
  return (trainer ? remote.drill.state({}) : Promise.resolve(null)).then((drill) => applyHostSnapshot('drill', drill));
}

/** The incidents, calls, alarms, units and conflicts the host holds now, each into its store. */
function recordLoads(remote: RemoteApi): Promise<void>[] {
  return [
    remote.incident.listOpen({ limit: 5000 }).then((open) => applyHostSnapshot('openIncidents', open)),
    remote.call.list({}).then((calls) => applyHostSnapshot('activeCalls', calls)),
    remote.alarm.list({}).then((alarms) => applyHostSnapshot('alarms', alarms)),
    remote.unit.list({}).then((units) => applyHostSnapshot('units', units)),
    remote.center.conflicts({}).then((conflicts) => applyHostSnapshot('conflicts', conflicts)),
  ];
}

/** Waits for every load; each lands on its own, and the first failure is reported. */
async function settleAll(loads: readonly Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(loads)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/** After a catch-up changed many records at once: the lists of records, reloaded from the host. */
async function reloadRecords(remote: RemoteApi): Promise<void> {
  await settleAll(recordLoads(remote));
}

/** Whether this window may load the records: an operator at work, or a wall display needing no sign-in. */
export function seesRecords(session: SessionState): boolean {
  if (session.state === 'active') return true;
  return session.state === 'signed-out' && session.wallWithoutSignIn && viewFromLocation(window.location) === 'wall';
}

/**
 * The window's session after a (re)connect: the tab's token takes its session back (a reload, a
 * dropped connection); a token the host no longer knows (it restarted) is forgotten and the window
 * signs in again.
 */
async function takeSession(remote: RemoteApi): Promise<SessionState> {
  const token = savedSessionToken();
  if (token) {
    try {
      return await remote.session.resume({ token });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'FORBIDDEN') throw error;
      forgetSessionToken();
    }
  }
  return remote.session.current({});
}

/** Applies the window's session, and loads what it may see. */
export async function enterSession(remote: RemoteApi, session: SessionState): Promise<void> {
  const before = useSessionStore.getState().session;
  applyHostSnapshot('session', session);
  if (session.state === 'signed-out') forgetSessionToken();
  // Records are loaded when they become visible (signed in, unlocked, handed over), not on every check.
  const newlyVisible =
    seesRecords(session) && (!before || !seesRecords(before) || before.sessionId !== session.sessionId);
  if (newlyVisible) await resync(remote);
}

/** How long a window waits before asking again for its session when the host did not answer. */
const SESSION_RETRY_MS = 500;

/**
 * The window's session on a fresh connection. A host too busy to answer in time (password hashing at
 * sign-in under load) or a connection dropped meanwhile fails the call with TRANSPORT: the window asks
 * again while the connection stays open, instead of keeping the "connecting" screen until a reconnect
 * that never comes.
 */
async function sessionOnConnect(remote: RemoteApi, transport: Transport): Promise<SessionState | null> {
  for (;;) {
    try {
      return await takeSession(remote);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'TRANSPORT') throw error;
      await new Promise((resolve) => setTimeout(resolve, SESSION_RETRY_MS));
      // Dropped meanwhile: the next connection asks afresh.
      if (transport.state !== 'open') return null;
    }
  }
}

async function connected(remote: RemoteApi, transport: Transport): Promise<void> {
  const session = await sessionOnConnect(remote, transport);
  if (session === null) return;
  applyHostSnapshot('session', session);
  await (seesRecords(session) ? resync(remote) : resyncPublic(remote));
}

async function heartbeat(remote: RemoteApi): Promise<void> {
  const sent = Date.now();
  const reply = await remote.system.ping({ echo: String(sent) });
  const received = Date.now();
  const latency = received - sent;
  useConnectionStore.getState().setRoundTrip(latency, reply.hostTime + latency / 2 - received);
}

/** Wires transport state, host events and the heartbeat into the stores. Returns the teardown. */
export function connectStores(transport: Transport, remote: RemoteApi): () => void {
  const stopState = transport.onState((state) => {
    useConnectionStore.getState().setTransport(transport.kind, state, Date.now());
    if (state === 'open') {
      runTask(connected(remote, transport));
      runTask(heartbeat(remote));
    }
  });
  const stopEvents = transport.onEvent((event) => {
    applyHostEvent(event);
    if (event.name === 'onRecordsReloaded') runTask(reloadRecords(remote));
    // This window's session was locked, unlocked, signed out or handed over (by another of its windows, or the host).
    if (event.name === 'onSessionChanged' && event.payload.sessionId === useSessionStore.getState().session?.sessionId)
      runTask(remote.session.current({}).then((session) => enterSession(remote, session)));
  });
  const timer = setInterval(() => {
    if (transport.state === 'open') heartbeat(remote).catch(() => undefined); // the banner shows an outage
  }, HEARTBEAT_MS);
  return () => {
    stopState();
    stopEvents();
    clearInterval(timer);
  };
}

import type { RemoteApi } from '../../src-shared/contract/api';
import { useConnectionStore } from '../store/connection/connectionStore';
import { runTask } from '../store/errors/errorStore';
import type { Transport } from '../transport';
import { applyHostEvent, applyHostSnapshot } from './hostFeed';

const HEARTBEAT_MS = 5_000;

/**
 * Reloads everything the stores project, after the first connect and every reconnect. Each part
 * lands on its own: a damaged store failing the queue load must not hide the header.
 */
async function resync(remote: RemoteApi): Promise<void> {
  await settleAll([
    remote.system.info({}).then((info) => applyHostSnapshot('info', info)),
    remote.system.storage({}).then((storage) => applyHostSnapshot('storage', storage)),
    remote.system.links({}).then((links) => applyHostSnapshot('links', links)),
    ...recordLoads(remote),
    remote.taxonomy.get({}).then((taxonomy) => applyHostSnapshot('taxonomy', taxonomy)),
    remote.intake.drafts({}).then((drafts) => applyHostSnapshot('drafts', drafts)),
    remote.avl.positions({}).then((positions) => applyHostSnapshot('positions', positions)),
    remote.layout.get({}).then((layout) => applyHostSnapshot('layout', layout)),
    remote.center.status({}).then((status) => applyHostSnapshot('center', status)),
  ]);
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
      runTask(resync(remote));
      runTask(heartbeat(remote));
    }
  });
  const stopEvents = transport.onEvent((event) => {
    applyHostEvent(event);
    if (event.name === 'onRecordsReloaded') runTask(reloadRecords(remote));
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

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
  const loads: Promise<void>[] = [
    remote.system.info({}).then((info) => applyHostSnapshot('info', info)),
    remote.system.storage({}).then((storage) => applyHostSnapshot('storage', storage)),
    remote.system.links({}).then((links) => applyHostSnapshot('links', links)),
    remote.incident.listOpen({ limit: 5000 }).then((open) => applyHostSnapshot('openIncidents', open)),
    remote.taxonomy.get({}).then((taxonomy) => applyHostSnapshot('taxonomy', taxonomy)),
    remote.call.list({}).then((calls) => applyHostSnapshot('activeCalls', calls)),
    remote.intake.drafts({}).then((drafts) => applyHostSnapshot('drafts', drafts)),
    remote.alarm.list({}).then((alarms) => applyHostSnapshot('alarms', alarms)),
    remote.unit.list({}).then((units) => applyHostSnapshot('units', units)),
    remote.avl.positions({}).then((positions) => applyHostSnapshot('positions', positions)),
    remote.layout.get({}).then((layout) => applyHostSnapshot('layout', layout)),
    remote.center.status({}).then((status) => applyHostSnapshot('center', status)),
    remote.center.conflicts({}).then((conflicts) => applyHostSnapshot('conflicts', conflicts)),
  ];
  const failed = (await Promise.allSettled(loads)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
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
  const stopEvents = transport.onEvent(applyHostEvent);
  const timer = setInterval(() => {
    if (transport.state === 'open') heartbeat(remote).catch(() => undefined); // the banner shows an outage
  }, HEARTBEAT_MS);
  return () => {
    stopState();
    stopEvents();
    clearInterval(timer);
  };
}

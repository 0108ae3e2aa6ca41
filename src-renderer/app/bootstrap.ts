import type { RemoteApi } from '../../src-shared/contract/api';
import { assertNever } from '../../src-shared/contract/errors';
import type { HostEvent } from '../../src-shared/contract/events';
import { useConnectionStore } from '../store/connection/connectionStore';
import { useConsoleStore } from '../store/console/consoleStore';
import { useAlarmStore } from '../store/alarms/alarmStore';
import { useCallStore } from '../store/calls/callStore';
import { useIncidentStore } from '../store/incidents/incidentStore';
import { useIntakeStore } from '../store/intake/intakeStore';
import { useTaxonomyStore } from '../store/taxonomy/taxonomyStore';
import { usePositionStore } from '../store/positions/positionStore';
import { useUnitStore } from '../store/units/unitStore';
import { useLayoutStore } from '../features/workspace/layoutStore';
import { runTask } from '../store/errors/errorStore';
import type { Transport } from '../transport';

const HEARTBEAT_MS = 5_000;

/** Applies one host event to the stores. Every event name must be handled here. */
function applyEvent(event: HostEvent): void {
  switch (event.name) {
    case 'onLinkStatus':
      useConnectionStore.getState().upsertLinks([event.payload]);
      return;
    case 'onIncidentChanged':
      useIncidentStore.getState().upsert(event.payload);
      return;
    case 'onStorageStatus':
      useConsoleStore.getState().setStorage(event.payload);
      return;
    case 'onCallChanged':
      useCallStore.getState().upsert(event.payload);
      return;
    case 'onAlarm':
      useAlarmStore.getState().apply(event.payload);
      return;
    case 'onDraftChanged':
      useIntakeStore.getState().applyRemote(event.payload.draftId, event.payload.draft);
      return;
    case 'onUnitChanged':
      useUnitStore.getState().upsert(event.payload);
      return;
    case 'onUnitPositions':
      usePositionStore.getState().apply(event.payload.positions);
      return;
    case 'onLayoutChanged':
      useLayoutStore.getState().apply(event.payload);
      return;
    default:
      assertNever(event, 'host event');
  }
}

/**
 * Reloads everything the stores project, after the first connect and every reconnect. Each part
 * lands on its own: a damaged store failing the queue load must not hide the header.
 */
async function resync(remote: RemoteApi): Promise<void> {
  const loads: Promise<void>[] = [
    remote.system.info({}).then((info) => useConsoleStore.getState().setInfo(info)),
    remote.system.storage({}).then((storage) => useConsoleStore.getState().setStorage(storage)),
    remote.system.links({}).then((links) => useConnectionStore.getState().upsertLinks(links)),
    remote.incident.listOpen({ limit: 5000 }).then((open) => useIncidentStore.getState().replaceOpen(open)),
    remote.taxonomy.get({}).then((taxonomy) => useTaxonomyStore.getState().setTaxonomy(taxonomy)),
    remote.call.list({}).then((calls) => useCallStore.getState().replaceActive(calls)),
    remote.intake.drafts({}).then((drafts) => useIntakeStore.getState().replaceAll(drafts)),
    remote.alarm.list({}).then((alarms) => useAlarmStore.getState().replace(alarms)),
    remote.unit.list({}).then((units) => useUnitStore.getState().replaceAll(units)),
    remote.avl.positions({}).then((positions) => usePositionStore.getState().replaceAll(positions)),
    remote.layout.get({}).then((layout) => useLayoutStore.getState().apply(layout)),
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
  const stopEvents = transport.onEvent(applyEvent);
  const timer = setInterval(() => {
    if (transport.state === 'open') heartbeat(remote).catch(() => undefined); // the banner shows an outage
  }, HEARTBEAT_MS);
  return () => {
    stopState();
    stopEvents();
    clearInterval(timer);
  };
}

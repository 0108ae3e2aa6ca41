import type {
  CenterStatus,
  ConsoleInfo,
  LayoutState,
  SessionState,
  StorageStatus,
  WaitingSummary,
} from '../../src-shared/contract/api';
import type { OperatorRecord } from '../../src-shared/domain/operator';
import { assertNever } from '../../src-shared/contract/errors';
import type { HostEvent } from '../../src-shared/contract/events';
import type { LinkStatus } from '../../src-shared/contract/links';
import type { IntakeDraft } from '../../src-shared/contract/schemas';
import type { Alarm } from '../../src-shared/domain/alarm';
import type { CallRecord } from '../../src-shared/domain/call';
import type { ConflictRecord } from '../../src-shared/domain/conflict';
import type { DrillState } from '../../src-shared/domain/drill/drillRun';
import type { IncidentRecord } from '../../src-shared/domain/incident';
import type { Taxonomy } from '../../src-shared/domain/taxonomy';
import type { UnitPosition, UnitRecord } from '../../src-shared/domain/unit';
import { useLayoutStore } from '../features/workspace/layoutStore';
import { useAlarmStore } from '../store/alarms/alarmStore';
import { useCallStore } from '../store/calls/callStore';
import { useCenterStore } from '../store/center/centerStore';
import { useDrillStore } from '../store/drill/drillStore';
import { useConflictStore } from '../store/conflicts/conflictStore';
import { useNoticeStore } from '../store/notices/noticeStore';
import { useConnectionStore } from '../store/connection/connectionStore';
import { useConsoleStore } from '../store/console/consoleStore';
import { useIncidentStore } from '../store/incidents/incidentStore';
import { useIntakeStore } from '../store/intake/intakeStore';
import { usePositionStore } from '../store/positions/positionStore';
import { useTaxonomyStore } from '../store/taxonomy/taxonomyStore';
import { useUnitStore } from '../store/units/unitStore';
import { useSessionStore } from '../store/session/sessionStore';

/**
 * The only writer of the stores that mirror the host (the rule: src-renderer/store/README.md).
 * Host events and the lists loaded on (re)connect come in here, and so does a request's reply that
 * carries a record the host is about to announce.
 */

/**
 * Applies one host event to the stores. Every event name must be handled here. A reply that carries
 * the record of an event the host publishes for it (the answered call, the created incident) comes
 * here as that event, so that the window shows it without waiting; the event itself then changes
 * nothing, since a store never lets an older version replace a newer one.
 */
export function applyHostEvent(event: HostEvent): void {
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
    case 'onCenterStatus':
      useCenterStore.getState().setStatus(event.payload);
      return;
    case 'onConflict': {
      const known = useConflictStore.getState().byId[event.payload.id];
      useConflictStore.getState().upsert(event.payload);
      // The dispatcher whose provisional action lost is told, once, at this console's windows.
      const here = useCenterStore.getState().status?.consoleCode;
      if (!known && event.payload.resolution === null && event.payload.loser.console === here)
        useNoticeStore.getState().push('notice.conflictLost', event.payload.subjectLabel);
      return;
    }
    case 'onRecordsReloaded':
    case 'onSessionChanged':
      // Handled where the window can call the host (app/bootstrap.ts reloads the lists, or its session).
      return;
    case 'onWaitingSummary':
      useSessionStore.getState().setWaiting(event.payload);
      return;
    case 'onOperatorChanged':
      useSessionStore.getState().upsertOperator(event.payload);
      return;
    case 'onDrillChanged':
      useDrillStore.getState().setDrill(event.payload, Date.now());
      return;
    default:
      assertNever(event, 'host event');
  }
}

/** What the window loads from the host on every (re)connect, one snapshot per store it fills. */
export interface HostSnapshots {
  readonly info: ConsoleInfo;
  readonly storage: StorageStatus;
  readonly links: readonly LinkStatus[];
  readonly openIncidents: readonly IncidentRecord[];
  readonly taxonomy: Taxonomy;
  readonly activeCalls: readonly CallRecord[];
  readonly drafts: readonly IntakeDraft[];
  readonly alarms: readonly Alarm[];
  readonly units: readonly UnitRecord[];
  readonly positions: readonly UnitPosition[];
  readonly layout: LayoutState;
  readonly center: CenterStatus;
  readonly conflicts: readonly ConflictRecord[];
  readonly session: SessionState;
  readonly waiting: WaitingSummary;
  readonly operators: readonly OperatorRecord[];
  /** The drill as its trainer sees it (null: none loaded, or this window's operator is no trainer). */
  readonly drill: DrillState | null;
}

const snapshotAppliers: { readonly [K in keyof HostSnapshots]: (snapshot: HostSnapshots[K]) => void } = {
  info: (info) => useConsoleStore.getState().setInfo(info),
  storage: (storage) => useConsoleStore.getState().setStorage(storage),
  links: (links) => useConnectionStore.getState().upsertLinks(links),
  openIncidents: (incidents) => useIncidentStore.getState().replaceOpen(incidents),
  taxonomy: (taxonomy) => useTaxonomyStore.getState().setTaxonomy(taxonomy),
  activeCalls: (calls) => useCallStore.getState().replaceActive(calls),
  drafts: (drafts) => useIntakeStore.getState().replaceAll(drafts),
  alarms: (alarms) => useAlarmStore.getState().replace(alarms),
  units: (units) => useUnitStore.getState().replaceAll(units),
  positions: (positions) => usePositionStore.getState().replaceAll(positions),
  layout: (layout) => useLayoutStore.getState().apply(layout),
  center: (status) => useCenterStore.getState().setStatus(status),
  conflicts: (conflicts) => useConflictStore.getState().replace(conflicts),
  session: (session) => useSessionStore.getState().setSession(session),
  waiting: (waiting) => useSessionStore.getState().setWaiting(waiting),
  operators: (operators) => useSessionStore.getState().replaceOperators(operators),
  drill: (drill) => useDrillStore.getState().setDrill(drill, Date.now()),
};

/** Replaces one store's copy with what the host holds now (resync, or a reload after a conflict). */
export function applyHostSnapshot<K extends keyof HostSnapshots>(name: K, snapshot: HostSnapshots[K]): void {
  snapshotAppliers[name](snapshot);
}

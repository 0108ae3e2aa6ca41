// One console window's stores, wired by the renderer's own `connectStores` to a fake transport:
// the test plays the host (the events it pushes, its answers when the window (re)connects) and
// reads the stores as the views do. Every store starts empty in each test.
import { afterEach, beforeEach } from 'vitest';
import type { StoreApi } from 'zustand';
import { connectStores } from '../../../../src-renderer/app/bootstrap';
import { useLayoutStore } from '../../../../src-renderer/features/workspace/layoutStore';
import { useAlarmStore } from '../../../../src-renderer/store/alarms/alarmStore';
import { useCallStore } from '../../../../src-renderer/store/calls/callStore';
import { useConnectionStore } from '../../../../src-renderer/store/connection/connectionStore';
import { useConsoleStore } from '../../../../src-renderer/store/console/consoleStore';
import { useErrorStore } from '../../../../src-renderer/store/errors/errorStore';
import { useIncidentStore } from '../../../../src-renderer/store/incidents/incidentStore';
import { useIntakeStore } from '../../../../src-renderer/store/intake/intakeStore';
import { useNoticeStore } from '../../../../src-renderer/store/notices/noticeStore';
import { usePositionStore } from '../../../../src-renderer/store/positions/positionStore';
import { useSelectionStore } from '../../../../src-renderer/store/selection/selectionStore';
import { useTaxonomyStore } from '../../../../src-renderer/store/taxonomy/taxonomyStore';
import { useDispatchStore } from '../../../../src-renderer/store/dispatch/dispatchStore';
import { useUnitStore } from '../../../../src-renderer/store/units/unitStore';
import { useSessionStore } from '../../../../src-renderer/store/session/sessionStore';
import { createRemote, type Transport, type TransportState } from '../../../../src-renderer/transport';
import { transportFailure } from '../../../../src-renderer/transport/transport';
import type { Api, Channel, Domain, ReturnOf } from '../../../../src-shared/contract/api';
import type { Result } from '../../../../src-shared/contract/errors';
import type { HostEvent } from '../../../../src-shared/contract/events';
import { T0, activeSession, consoleInfo, layout, shippedTaxonomy, storage } from './records';

/** What the host answers, per channel: `{ incident: { listOpen: [...] } }`. */
export type HostAnswers = { readonly [D in Domain]?: { readonly [M in keyof Api[D]]?: ReturnOf<Api[D][M]> } };

/** A host with nothing in it: what every reload asks for, answered empty. */
function emptyHost(): HostAnswers {
  return {
    system: { info: consoleInfo(), storage: storage(), links: [], ping: { echo: '', hostTime: T0 } },
    incident: { listOpen: [] },
    taxonomy: { get: shippedTaxonomy() },
    call: { list: [] },
    intake: { drafts: [] },
    alarm: { list: [] },
    unit: { list: [] },
    avl: { positions: [] },
    layout: { get: layout(0) },
    session: { current: activeSession(), waiting: { callsWaiting: 0, alarmsSounding: 0, highestSeverity: null } },
  };
}

/** The empty host's answers with the given ones over them, channel by channel. */
function overEmptyHost(given: HostAnswers): HostAnswers {
  const empty = emptyHost();
  return Object.fromEntries(
    [...new Set([...Object.keys(empty), ...Object.keys(given)])].map((domain) => [
      domain,
      { ...empty[domain as Domain], ...given[domain as Domain] },
    ]),
  );
}

function resettable<T>(store: StoreApi<T>): () => void {
  const initial = store.getState();
  return () => store.setState(initial, true);
}

const resets = [
  resettable(useAlarmStore),
  resettable(useCallStore),
  resettable(useConnectionStore),
  resettable(useConsoleStore),
  resettable(useErrorStore),
  resettable(useIncidentStore),
  resettable(useIntakeStore),
  resettable(useLayoutStore),
  resettable(useNoticeStore),
  resettable(usePositionStore),
  resettable(useSelectionStore),
  resettable(useTaxonomyStore),
  resettable(useDispatchStore),
  resettable(useUnitStore),
  resettable(useSessionStore),
];

/** Every store as a fresh window has it. Call once per file (useWindow does it). */
export function useFreshStores(): void {
  beforeEach(() => {
    for (const reset of resets) reset();
  });
}

export interface FakeHost {
  /** The host pushes one event to the window. */
  send(event: HostEvent): void;
  /**
   * The connection opens (first connect or a reconnect): the window reloads what its stores
   * project. Resolves once every answer has landed. `failing` channels answer with an error.
   */
  connect(answers?: HostAnswers, failing?: readonly Channel[]): Promise<void>;
  /** The connection drops. */
  disconnect(): void;
  /** The host holds other records from now on (what the next reload reads). */
  hold(answers: HostAnswers): void;
  /** Lets the window's pending reloads settle. */
  settle(): Promise<void>;
  /** The next call of `channel` gets no answer in time (the window sees a TRANSPORT failure). */
  dropNextAnswer(channel: Channel): void;
  /** The channels the window called, in order. */
  readonly called: readonly string[];
}

/** Lets every pending promise (the window's reload) settle. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A window connected to a fake host for each test; torn down after it. Call once per file. */
export function useWindow(): FakeHost {
  useFreshStores();
  let answers: HostAnswers = emptyHost();
  let failing: readonly string[] = [];
  let state: TransportState = 'connecting';
  const called: string[] = [];
  const unanswered = new Set<string>();
  const eventListeners = new Set<(event: HostEvent) => void>();
  const stateListeners = new Set<(state: TransportState) => void>();
  const setState = (next: TransportState): void => {
    state = next;
    for (const listener of stateListeners) listener(next);
  };
  const transport: Transport = {
    kind: 'websocket',
    get state() {
      return state;
    },
    invoke(channel): Promise<Result<unknown>> {
      called.push(channel);
      const [domain = '', method = ''] = channel.split('.');
      const value = (answers as Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>)[domain]?.[
        method
      ];
      if (unanswered.delete(channel)) return Promise.resolve(transportFailure(`no answer for ${channel} in time`));
      if (failing.includes(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'STORAGE', message: `${channel} failed` } });
      }
      if (value === undefined) {
        return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no answer for ${channel}` } });
      }
      return Promise.resolve({ ok: true, value });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
  };
  let disconnect: (() => void) | null = null;
  beforeEach(() => {
    answers = emptyHost();
    failing = [];
    state = 'connecting';
    called.length = 0;
    unanswered.clear();
    disconnect = connectStores(transport, createRemote(transport));
  });
  afterEach(() => {
    disconnect?.();
    disconnect = null;
  });
  return {
    send: (event) => {
      for (const listener of eventListeners) listener(event);
    },
    connect: async (given = {}, failingChannels = []) => {
      answers = overEmptyHost(given);
      failing = failingChannels;
      setState('open');
      await settle();
    },
    disconnect: () => setState('connecting'),
    dropNextAnswer: (channel) => {
      unanswered.add(channel);
    },
    hold: (given) => {
      answers = overEmptyHost(given);
    },
    settle,
    called,
  };
}

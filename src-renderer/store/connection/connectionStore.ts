import { create } from 'zustand';
import type { LinkKind, LinkStatus } from '../../../src-shared/contract/links';
import type { TransportKind, TransportState } from '../../transport';

export interface ConnectionState {
  readonly transportKind: TransportKind | null;
  readonly transportState: TransportState;
  /** When `transportState` last changed (window clock, UTC ms). */
  readonly transportSince: number;
  /** Last measured round trip to the host. */
  readonly latencyMs: number | null;
  /** Host clock minus window clock, so every window shows the host's time. */
  readonly clockOffsetMs: number;
  readonly links: Readonly<Record<string, LinkStatus>>;
}

export interface ConnectionActions {
  /** @internal fed by the transport */
  setTransport: (kind: TransportKind, state: TransportState, at: number) => void;
  /** @internal fed by the heartbeat */
  setRoundTrip: (latencyMs: number, clockOffsetMs: number) => void;
  /** @internal fed by host events and resync */
  upsertLinks: (links: readonly LinkStatus[]) => void;
}

export const initialConnectionState: ConnectionState = {
  transportKind: null,
  transportState: 'connecting',
  transportSince: 0,
  latencyMs: null,
  clockOffsetMs: 0,
  links: {},
};

export const useConnectionStore = create<ConnectionState & ConnectionActions>()((set) => ({
  ...initialConnectionState,
  setTransport: (kind, state, at) =>
    set((current) =>
      current.transportKind === kind && current.transportState === state
        ? current
        : { transportKind: kind, transportState: state, transportSince: at },
    ),
  setRoundTrip: (latencyMs, clockOffsetMs) => set({ latencyMs, clockOffsetMs }),
  upsertLinks: (links) =>
    set((current) => {
      const next = { ...current.links };
      for (const link of links) next[link.id] = link;
      return { links: next };
    }),
}));

const kindOrder: Record<LinkKind, number> = { host: 0, center: 1, broker: 2, serial: 3, peer: 4, map: 5 };

export const connectionSelectors = {
  /** Links other than the host itself, in header order. */
  outsideLinks: (state: ConnectionState): LinkStatus[] =>
    Object.values(state.links)
      .filter((link) => link.kind !== 'host')
      .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.id.localeCompare(b.id)),
  isHostReachable: (state: ConnectionState): boolean => state.transportState === 'open',
};

import type { AvlApi, Handlers } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';

/** Placeholder until the AVL service lands: no positions. */
export function createAvlService(now: () => number): Handlers<AvlApi> {
  return {
    positions: () => [],
    trail: () => [],
    status: () => ({
      broker: { url: '', embedded: true },
      connected: false,
      since: now(),
      lastMessageAt: null,
      accepted: 0,
      rejected: {},
      unitsLive: 0,
      unitsStale: 0,
      unitsLost: 0,
    }),
    unknownDevices: () => [],
    bindDevice: () => {
      throw new AppError('UNAVAILABLE', 'AVL is not available yet');
    },
  };
}

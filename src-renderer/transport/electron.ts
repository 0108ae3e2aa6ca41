import type { NidaBridge } from '../../src-shared/contract/bridge';
import type { HostEvent } from '../../src-shared/contract/events';
import { hostMessageSchema, resultSchema } from '../../src-shared/contract/wire';
import { transportFailure, type Transport, type TransportState } from './transport';

const eventSchema = hostMessageSchema.options[2];

/** The Electron preload bridge: IPC is always open while the window lives. */
export function createElectronTransport(bridge: NidaBridge): Transport {
  const state: TransportState = 'open';
  return {
    kind: 'electron',
    state,
    async invoke(channel, args) {
      try {
        const parsed = resultSchema.safeParse(await bridge.invoke(channel, args));
        return parsed.success ? parsed.data : transportFailure('malformed result from host');
      } catch (error) {
        return transportFailure(error instanceof Error ? error.message : 'ipc failed');
      }
    },
    onEvent(listener) {
      return bridge.subscribe((raw) => {
        const parsed = eventSchema.safeParse({ type: 'event', ...(raw as object) });
        if (parsed.success) listener({ name: parsed.data.name, payload: parsed.data.payload } as HostEvent);
      });
    },
    onState(listener) {
      listener(state);
      return () => undefined;
    },
  };
}

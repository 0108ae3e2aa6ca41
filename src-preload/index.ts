import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { NidaBridge } from '../src-shared/contract/bridge';

// Must match src-main/transports/ipc.ts (a sandboxed preload cannot import it at run time).
const IPC_INVOKE = 'nida:invoke';
const IPC_EVENT = 'nida:event';

/**
 * The whole surface a Nida window gets from Electron: one call path and one event stream.
 * Raw ipcRenderer is never exposed.
 */
const bridge: NidaBridge = {
  invoke: (channel, args) => ipcRenderer.invoke(IPC_INVOKE, channel, args),
  subscribe(listener) {
    const handler = (_event: IpcRendererEvent, hostEvent: unknown): void => listener(hostEvent);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.off(IPC_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('nida', bridge);

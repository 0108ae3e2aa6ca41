import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type NidaBridge } from '../src-shared/contract/bridge';

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

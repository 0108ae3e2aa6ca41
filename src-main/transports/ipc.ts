import type { Result } from '../../src-shared/contract/errors';
import type { HostEvent } from '../../src-shared/contract/events';
import { newClientId, type ClientId } from '../../src-shared/contract/ids';
import type { Host } from '../host/createHost';

/**
 * The Electron IPC transport, written against plain functions so it stays free of 'electron':
 * src-main/electron binds `invoke` to ipcMain.handle and `attachWindow` to webContents.send.
 */
export interface IpcTransport {
  /** One call from a renderer. `senderUrl` is the URL of the frame that sent it. */
  invoke(senderId: number, senderUrl: string | undefined, channel: unknown, args: unknown): Promise<Result<unknown>>;
  /** Starts sending host events to one window; returns the detach function. */
  attachWindow(senderId: number, send: (event: HostEvent) => void): () => void;
}

export function createIpcTransport(host: Host, isTrustedUrl: (url: string) => boolean): IpcTransport {
  const logger = host.logger.child({ transport: 'ipc' });
  const clientIds = new Map<number, ClientId>();
  const clientIdOf = (senderId: number): ClientId => {
    let id = clientIds.get(senderId);
    if (!id) {
      id = newClientId();
      clientIds.set(senderId, id);
    }
    return id;
  };

  return {
    async invoke(senderId, senderUrl, channel, args) {
      if (senderUrl === undefined || !isTrustedUrl(senderUrl)) {
        logger.warn({ senderUrl }, 'ipc call refused: untrusted sender');
        return { ok: false, error: { code: 'FORBIDDEN', message: 'sender is not a Nida window' } };
      }
      if (typeof channel !== 'string') {
        return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'channel must be a string' } };
      }
      // Who acts is the window's signed-in operator: the host's dispatcher stamps it on each call.
      const context = { clientId: clientIdOf(senderId), transport: 'ipc' as const, actor: 'anonymous' };
      return host.dispatch(channel, args, context);
    },
    attachWindow(senderId, send) {
      const clientId = clientIdOf(senderId);
      const unsubscribe = host.subscribe(send, clientId);
      return () => {
        unsubscribe();
        clientIds.delete(senderId);
        host.disconnect(clientId);
      };
    },
  };
}

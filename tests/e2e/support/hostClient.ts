import { WebSocket } from 'ws';
import type { RunningConsole } from './console';

interface ResultMessage {
  readonly type: 'result';
  readonly id: number;
  readonly result: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
}

/**
 * Plays another window (or console) talking to the same host over its WebSocket: how the e2e
 * suite makes things happen on the host without going through the page under test.
 */
export class HostClient {
  private nextId = 1;
  private readonly pending = new Map<number, (message: ResultMessage) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string };
      if (message.type !== 'result') return;
      const result = message as ResultMessage;
      this.pending.get(result.id)?.(result);
      this.pending.delete(result.id);
    });
  }

  static async connect(nida: RunningConsole): Promise<HostClient> {
    const socket = new WebSocket(`${nida.origin.replace('http', 'ws')}/ws?token=${encodeURIComponent(nida.token)}`, {
      origin: nida.origin,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('message', () => resolve()); // welcome
      socket.once('error', reject);
    });
    return new HostClient(socket);
  }

  async call<T>(channel: string, args: unknown): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<ResultMessage>((resolve) => this.pending.set(id, resolve));
    this.socket.send(JSON.stringify({ type: 'call', id, channel, args }));
    const { result } = await reply;
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  close(): void {
    this.socket.close();
  }
}

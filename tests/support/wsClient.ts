// The WebSocket transport as a test sees it: `TestClient` speaks the wire (contract/wire.ts) and
// checks every host message against it, for the transport's own tests; `connectRemote` puts the
// typed `RemoteApi` of remoteClient.ts on top, for tests that play another window of a console.
import { WebSocket, type RawData } from 'ws';
import type { EventName } from '../../src-shared/contract/events';
import { hostMessageSchema, type HostMessage } from '../../src-shared/contract/wire';
import type { RemoteApi } from '../../src-shared/contract/api';
import { remoteApi, unwrap, type Invoke, type UncheckedCall } from './remoteClient';
import { signInAs, type TestOperatorId } from './testOperators';

export type ResultMessage = Extract<HostMessage, { type: 'result' }>;
export type CallResult = ResultMessage['result'];

const DEFAULT_WAIT_MS = 5_000;
const REMOTE_CALL_TIMEOUT_MS = 120_000;

export interface ConnectOptions {
  /** Sent as the Origin header; a browser always sends one, a Node client does not. */
  readonly origin?: string;
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

interface Waiter {
  readonly matches: (message: HostMessage) => boolean;
  readonly resolve: (message: HostMessage) => void;
  readonly reject: (error: Error) => void;
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

/**
 * A WebSocket client that checks every host message against `hostMessageSchema` and keeps them
 * in order, so a test can wait for the next message of a kind.
 */
export class TestClient {
  /** Every valid message, in arrival order. */
  readonly messages: HostMessage[] = [];
  /** Messages that broke the wire contract; `close()` fails the test if there are any. */
  readonly violations: string[] = [];
  readonly closed: Promise<Closed>;
  private readonly taken = new Set<HostMessage>();
  private readonly waiters = new Set<Waiter>();
  private nextId = 1;
  private isClosed = false;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      this.receive(data, isBinary);
    });
    this.closed = new Promise<Closed>((resolve) => {
      socket.on('close', (code, reason) => {
        this.isClosed = true;
        for (const waiter of this.waiters) waiter.reject(new Error(`socket closed (${code}) before the message came`));
        this.waiters.clear();
        resolve({ code, reason: reason.toString('utf8') });
      });
    });
    // Errors after open (e.g. the server dropping us) surface as 'close'; keep them from crashing the run.
    socket.on('error', () => undefined);
  }

  private receive(data: RawData, isBinary: boolean): void {
    const text = textOf(data);
    let parsed;
    try {
      parsed = hostMessageSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (isBinary || !parsed?.success) {
      const violation = `invalid host message${isBinary ? ' (binary)' : ''}: ${text.slice(0, 200)}`;
      this.violations.push(violation);
      for (const waiter of this.waiters) waiter.reject(new Error(violation));
      this.waiters.clear();
      return;
    }
    const message = parsed.data;
    this.messages.push(message);
    for (const waiter of this.waiters) {
      if (waiter.matches(message)) {
        this.waiters.delete(waiter);
        this.taken.add(message);
        waiter.resolve(message);
        return;
      }
    }
  }

  /** The first message not yet waited for that matches, now or when it arrives. */
  next<T extends HostMessage>(
    matches: (message: HostMessage) => message is T,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<T> {
    const ready = this.messages.find((message): message is T => !this.taken.has(message) && matches(message));
    if (ready) {
      this.taken.add(ready);
      return Promise.resolve(ready);
    }
    if (this.isClosed) return Promise.reject(new Error('socket is closed'));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching host message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`));
      }, timeoutMs);
      const waiter: Waiter = {
        matches,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  welcome(): Promise<Extract<HostMessage, { type: 'welcome' }>> {
    return this.next((message) => message.type === 'welcome');
  }

  protocolError(): Promise<Extract<HostMessage, { type: 'protocol-error' }>> {
    return this.next((message) => message.type === 'protocol-error');
  }

  /** The next host event of that name. */
  /** The next event of that name (and matching `where`, when given: other links report on their own). */
  event(
    name: EventName,
    where: (payload: unknown) => boolean = () => true,
  ): Promise<Extract<HostMessage, { type: 'event' }>> {
    return this.next(
      (message): message is Extract<HostMessage, { type: 'event' }> =>
        message.type === 'event' && message.name === name && where(message.payload),
    );
  }

  /** Sends one `call` and waits for the result with the same id. */
  async call(channel: string, args: unknown, timeoutMs = DEFAULT_WAIT_MS): Promise<CallResult> {
    const id = this.nextId++;
    const reply = this.next(
      (message): message is ResultMessage => message.type === 'result' && message.id === id,
      timeoutMs,
    );
    this.socket.send(JSON.stringify({ type: 'call', id, channel, args }));
    return (await reply).result;
  }

  send(data: string | Buffer, options: { binary?: boolean } = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.send(data, { binary: options.binary ?? false }, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }

  /** Closes the socket (if still open) and fails when the host sent anything off-contract. */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CONNECTING || this.socket.readyState === WebSocket.OPEN) {
      this.socket.close(1000, 'test done');
    }
    const timer = setTimeout(() => {
      this.socket.terminate();
    }, 2_000);
    await this.closed;
    clearTimeout(timer);
    if (this.violations.length > 0) throw new Error(this.violations.join('\n'));
  }
}

/** Opens a socket that the server accepts; rejects when it refuses. */
export function connect(url: string, options: ConnectOptions = {}): Promise<TestClient> {
  const socket = new WebSocket(url, options.origin === undefined ? {} : { origin: options.origin });
  // Listen before 'open' so the welcome is not missed.
  const client = new TestClient(socket);
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      resolve(client);
    });
    socket.once('unexpected-response', (_request, response) => {
      socket.terminate();
      reject(new Error(`upgrade refused with HTTP ${response.statusCode ?? '?'}`));
    });
    socket.once('error', reject);
  });
}

export type Attempt =
  | { readonly outcome: 'open' }
  | { readonly outcome: 'refused'; readonly status: number }
  | { readonly outcome: 'error'; readonly code: string };

/** Tries one upgrade and reports what happened; never leaves a socket open. */
export function attemptConnect(url: string, options: ConnectOptions = {}): Promise<Attempt> {
  const socket = new WebSocket(url, options.origin === undefined ? {} : { origin: options.origin });
  return new Promise((resolve) => {
    socket.on('open', () => {
      socket.terminate();
      resolve({ outcome: 'open' });
    });
    socket.on('unexpected-response', (_request, response) => {
      response.resume();
      socket.terminate();
      resolve({ outcome: 'refused', status: response.statusCode ?? 0 });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ outcome: 'error', code: error.code ?? error.message });
    });
  });
}

/** Where a console serves its windows: `nida serve` prints both (tests/e2e/support/console.ts). */
export interface ConsoleAddress {
  /** `http://127.0.0.1:<port>`: the page's origin, sent as Origin as a browser does. */
  readonly origin: string;
  /** The per-start access token (`?token=`). */
  readonly token: string;
}

export interface RemoteConnection {
  readonly api: RemoteApi;
  readonly unchecked: UncheckedCall;
  /** The id the host gave this connection in its welcome. */
  readonly clientId: string;
  /** The wire underneath: every host message (events too) in arrival order, checked against the contract. */
  readonly wire: TestClient;
  /** Closes the socket; fails if the host sent anything off-contract. */
  close(): Promise<void>;
}

/**
 * Connects as another window (or console) of `address` would, waits for the host's welcome, and signs
 * in as `operator` (`lead`, every role, unless told; null: stays signed out, for the public channels).
 */
export async function connectRemote(
  address: ConsoleAddress,
  options: { readonly operator?: TestOperatorId | null } = {},
): Promise<RemoteConnection> {
  const url = `${address.origin.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(address.token)}`;
  const wire = await connect(url, { origin: address.origin });
  const { clientId } = await wire.welcome();
  // A console under load (a thousand calls at once, a small CI machine) answers slowly: the test's own timeout decides.
  const invoke: Invoke = (channel, args) => wire.call(channel, args, REMOTE_CALL_TIMEOUT_MS);
  const api = remoteApi(invoke);
  const operator = options.operator === undefined ? 'lead' : options.operator;
  if (operator !== null) await signInAs(api, operator);
  return {
    api,
    unchecked: (channel, args) => unwrap(channel, invoke(channel, args)),
    clientId,
    wire,
    close: () => wire.close(),
  };
}

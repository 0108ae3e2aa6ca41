import type { Result } from '../../src-shared/contract/errors';
import type { HostEvent } from '../../src-shared/contract/events';
import { hostMessageSchema, type ClientMessage } from '../../src-shared/contract/wire';
import { transportFailure, type Transport, type TransportState } from './transport';

const CALL_TIMEOUT_MS = 15_000;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

interface Pending {
  resolve(result: Result<unknown>): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The WebSocket transport for browser tabs: reconnects with backoff and jitter; calls made
 * while disconnected wait for the connection (up to the call timeout) instead of failing at once.
 */
export function createWebSocketTransport(url: string): Transport {
  let socket: WebSocket | undefined;
  let state: TransportState = 'connecting';
  let nextId = 1;
  let attempt = 0;
  const pending = new Map<number, Pending>();
  const waiting: ClientMessage[] = [];
  const eventListeners = new Set<(event: HostEvent) => void>();
  const stateListeners = new Set<(state: TransportState) => void>();

  const setState = (next: TransportState): void => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const settle = (id: number, result: Result<unknown>): void => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    clearTimeout(call.timer);
    call.resolve(result);
  };

  const onMessage = (raw: unknown): void => {
    if (typeof raw !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return;
    }
    const parsed = hostMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'welcome':
        attempt = 0;
        setState('open');
        for (const queued of waiting.splice(0)) socket?.send(JSON.stringify(queued));
        return;
      case 'result':
        settle(message.id, message.result);
        return;
      case 'event':
        for (const listener of eventListeners) listener({ name: message.name, payload: message.payload } as HostEvent);
        return;
      case 'protocol-error':
        return;
    }
  };

  const connect = (): void => {
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('message', (event) => onMessage(event.data));
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = undefined;
      // Calls already sent may or may not have run on the host: report them as failed.
      for (const id of [...pending.keys()]) {
        if (!waiting.some((message) => message.id === id)) settle(id, transportFailure('connection to the host lost'));
      }
      setState('connecting');
      const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      setTimeout(connect, delay);
    });
  };
  connect();

  return {
    kind: 'websocket',
    get state() {
      return state;
    },
    invoke(channel, args) {
      const id = nextId++;
      const message: ClientMessage = { type: 'call', id, channel, args };
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          const index = waiting.indexOf(message);
          if (index >= 0) waiting.splice(index, 1);
          settle(id, transportFailure(`no answer from the host within ${CALL_TIMEOUT_MS / 1000} s`));
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        if (state === 'open' && socket) socket.send(JSON.stringify(message));
        else waiting.push(message);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}

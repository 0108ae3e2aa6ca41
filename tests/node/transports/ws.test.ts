import { describe, expect, it } from 'vitest';
import { ULID_PATTERN } from '../../../src-shared/contract/ids';
import type { LinkStatus } from '../../../src-shared/contract/links';
import { MAX_MESSAGE_BYTES } from '../../../src-shared/contract/wire';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { startTestServer, type TestServer } from '../support/testServer';
import { waitUntil } from '../support/waitUntil';
import { attemptConnect, connect, type ConnectOptions, type TestClient } from '../../support/wsClient';

const START = Date.UTC(2026, 10, 29, 9, 0, 0);
const EVIL_ORIGIN = 'http://evil.example';

describe('WebSocket transport (real console server)', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  async function start(): Promise<TestServer> {
    const started = await startTestServer(tempDir());
    defer(() => started.stop());
    return started;
  }

  async function open(
    started: TestServer,
    options: ConnectOptions = { origin: started.server.origin },
  ): Promise<TestClient> {
    const client = await connect(started.wsUrl(started.server.token), options);
    defer(() => client.close());
    return client;
  }

  describe('given the upgrade checks', () => {
    it('when a client presents no token, then the upgrade is refused with 401', async () => {
      const started = await start();

      const attempt = await attemptConnect(started.wsUrl(), { origin: started.server.origin });

      expect(attempt).toEqual({ outcome: 'refused', status: 401 });
      expect(started.server.websocket.clientCount()).toBe(0);
    });

    it.each([
      [
        'a wrong token of the same length',
        (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      ],
      ['a prefix of the token', (token: string) => token.slice(0, 10)],
      ['the token plus one character', (token: string) => `${token}x`],
      ['an empty token', () => ''],
    ])('when a client presents %s, then the upgrade is refused with 401', async (_what, tamper) => {
      const started = await start();

      const attempt = await attemptConnect(started.wsUrl(tamper(started.server.token)), {
        origin: started.server.origin,
      });

      expect(attempt).toEqual({ outcome: 'refused', status: 401 });
    });

    it.each([EVIL_ORIGIN, 'null', 'http://127.0.0.1', 'https://127.0.0.1:9110', 'http://127.0.0.1.evil.example'])(
      'when a page from origin %s presents the right token, then the upgrade is refused with 403',
      async (origin) => {
        const started = await start();

        const attempt = await attemptConnect(started.wsUrl(started.server.token), { origin });

        expect(attempt).toEqual({ outcome: 'refused', status: 403 });
        expect(started.server.websocket.clientCount()).toBe(0);
      },
    );

    it('when the path is not /ws, then the upgrade is refused with 404 even with the right token', async () => {
      const started = await start();
      const url = new URL(started.wsUrl(started.server.token));
      url.pathname = '/socket';

      const attempt = await attemptConnect(url.toString(), { origin: started.server.origin });

      expect(attempt).toEqual({ outcome: 'refused', status: 404 });
    });

    it('when a page of this server presents the right token, then it is welcomed with a fresh client id', async () => {
      const started = await start();

      const client = await open(started);
      const welcome = await client.welcome();

      expect(welcome.clientId).toMatch(ULID_PATTERN);
      expect(welcome.hostTime).toEqual(expect.any(Number));
      expect(started.server.websocket.clientCount()).toBe(1);
    });

    it('when the page uses localhost instead of 127.0.0.1, then it is also allowed', async () => {
      const started = await start();
      const { port } = new URL(started.server.origin);

      const client = await open(started, { origin: `http://localhost:${port}` });

      await expect(client.welcome()).resolves.toMatchObject({ type: 'welcome' });
    });

    it('when a non-browser client sends no Origin but the right token, then it is allowed', async () => {
      const started = await start();

      const client = await open(started, {});

      await expect(client.welcome()).resolves.toMatchObject({ type: 'welcome' });
    });

    it('when two clients connect, then each gets its own client id', async () => {
      const started = await start();

      const first = await (await open(started)).welcome();
      const second = await (await open(started)).welcome();

      expect(first.clientId).not.toBe(second.clientId);
      expect(started.server.websocket.clientCount()).toBe(2);
    });
  });

  describe('given a connected client', () => {
    it('when it calls system.ping, then the result carries the same id, the echo and the host clock time', async () => {
      const started = await start();
      const client = await open(started);

      const result = await client.call('system.ping', { echo: 'round trip ٤٢' });

      expect(result).toEqual({ ok: true, value: { echo: 'round trip ٤٢', hostTime: START } });
    });

    it('when it sends many calls at once, then every result comes back under its own id', async () => {
      const started = await start();
      const client = await open(started);

      const results = await Promise.all(
        Array.from({ length: 25 }, (_, index) => client.call('system.ping', { echo: `n${index}` })),
      );

      expect(results.map((result) => (result.ok ? (result.value as { echo: string }).echo : 'failed'))).toEqual(
        Array.from({ length: 25 }, (_, index) => `n${index}`),
      );
    });

    it('when it calls system.info and system.links, then it gets the host’s console and its host link up', async () => {
      const started = await start();
      const client = await open(started);

      const info = await client.call('system.info', {});
      const links = await client.call('system.links', {});

      expect(info).toMatchObject({ ok: true, value: { consoleCode: 'C1', startedAt: START } });
      // (The embedded AVL broker's link is listed too.)
      expect(links).toMatchObject({ ok: true });
      expect(links.ok ? links.value : null).toContainEqual({
        id: 'host',
        kind: 'host',
        label: 'C1',
        state: 'up',
        since: START,
      });
    });

    it('when it sends invalid arguments, then the result is ok:false INVALID_ARGUMENT with the issue paths', async () => {
      const started = await start();
      const client = await open(started);

      const result = await client.call('system.ping', { echo: 7 });

      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', issues: [{ path: 'echo', message: expect.any(String) as unknown }] },
      });
    });

    it.each(['system.reboot', '__proto__.x', 'system.constructor', 'system.hasOwnProperty'])(
      'when it calls the unknown channel %j, then the result is UNKNOWN_CHANNEL',
      async (channel) => {
        const started = await start();
        const client = await open(started);

        const result = await client.call(channel, {});

        expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      },
    );

    it.each([
      ['text that is not JSON', 'hello host', 'not valid JSON'],
      ['JSON of an unknown type', JSON.stringify({ type: 'subscribe', id: 1 }), 'unknown shape'],
      [
        'a call with a negative id',
        JSON.stringify({ type: 'call', id: -1, channel: 'system.ping', args: {} }),
        'unknown shape',
      ],
      [
        'a call with an extra key',
        JSON.stringify({ type: 'call', id: 1, channel: 'system.ping', args: {}, x: 1 }),
        'unknown shape',
      ],
      ['a call without a channel', JSON.stringify({ type: 'call', id: 1, args: {} }), 'unknown shape'],
    ])(
      'when it sends %s, then it gets a protocol-error and the connection stays usable',
      async (_what, text, message) => {
        const started = await start();
        const client = await open(started);

        await client.send(text);
        const reply = await client.protocolError();

        expect(reply.error).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(message) as unknown });
        await expect(client.call('system.ping', { echo: 'still here' })).resolves.toMatchObject({ ok: true });
      },
    );

    it('when it sends a binary frame (even of valid JSON), then it gets a protocol-error and no result', async () => {
      const started = await start();
      const client = await open(started);
      const call = JSON.stringify({ type: 'call', id: 99, channel: 'system.ping', args: { echo: 'bin' } });

      await client.send(Buffer.from(call), { binary: true });
      const reply = await client.protocolError();

      expect(reply.error.message).toContain('binary');
      await expect(client.call('system.ping', { echo: 'after' })).resolves.toMatchObject({ ok: true });
      expect(client.messages.some((message) => message.type === 'result' && message.id === 99)).toBe(false);
    });

    it('when it sends a call of exactly the size limit, then the host still answers it', async () => {
      const started = await start();
      const client = await open(started);
      const call = JSON.stringify({ type: 'call', id: 5, channel: 'system.ping', args: { echo: 'big' } });

      await client.send(call.padEnd(MAX_MESSAGE_BYTES, ' '));
      const reply = await client.next((message) => message.type === 'result');

      expect(reply).toEqual({ type: 'result', id: 5, result: { ok: true, value: { echo: 'big', hostTime: START } } });
    });

    it('when it sends a message over 1 MiB, then its connection is closed (1009) and other clients are still served', async () => {
      const started = await start();
      const bystander = await open(started);
      const offender = await open(started);
      await offender.welcome();

      // The host may cut the socket before the whole frame is written, so a write error is expected here.
      offender.socket.send('x'.repeat(MAX_MESSAGE_BYTES + 1), () => undefined);
      const closed = await offender.closed;

      expect(closed.code).toBe(1009);
      await waitUntil(() => started.server.websocket.clientCount() === 1, 'the offender to be dropped');
      await expect(bystander.call('system.ping', { echo: 'unaffected' })).resolves.toMatchObject({ ok: true });
      const newcomer = await open(started);
      await expect(newcomer.call('system.ping', { echo: 'new' })).resolves.toMatchObject({ ok: true });
    });

    it('when it disconnects, then its host event subscription is released too', async () => {
      let subscriptions = 0;
      const started = await startTestServer(tempDir(), {
        instrument: (host) => ({
          ...host,
          subscribe: (listener) => {
            subscriptions += 1;
            const unsubscribe = host.subscribe(listener);
            return () => {
              subscriptions -= 1;
              unsubscribe();
            };
          },
        }),
      });
      defer(() => started.stop());
      const client = await open(started);
      await client.welcome();
      expect(subscriptions).toBe(1);

      await client.close();

      await waitUntil(() => subscriptions === 0, 'the subscription to be released');
    });

    it('when it disconnects, then the server forgets it', async () => {
      const started = await start();
      const client = await open(started);
      await client.welcome();

      await client.close();

      await waitUntil(() => started.server.websocket.clientCount() === 0, 'the client to be forgotten');
    });
  });

  describe('given host events', () => {
    it('when a link is reported, then every connected client gets the onLinkStatus event', async () => {
      const started = await start();
      const first = await open(started);
      const second = await open(started);
      await Promise.all([first.welcome(), second.welcome()]);
      started.clock.advance(2_000);

      started.host.links.report('broker', 'broker', '127.0.0.1:1883', 'down', 'ECONNREFUSED');

      const expected = {
        type: 'event',
        name: 'onLinkStatus',
        payload: {
          id: 'broker',
          kind: 'broker',
          label: '127.0.0.1:1883',
          state: 'down',
          since: START + 2_000,
          detail: 'ECONNREFUSED',
        },
      };
      await expect(first.event('onLinkStatus')).resolves.toEqual(expected);
      await expect(second.event('onLinkStatus')).resolves.toEqual(expected);
    });

    it('when the host publishes an event, then connected clients get it and a disconnected one does not break the fan-out', async () => {
      const started = await start();
      const leaving = await open(started);
      const staying = await open(started);
      await Promise.all([leaving.welcome(), staying.welcome()]);
      await leaving.close();
      await waitUntil(() => started.server.websocket.clientCount() === 1, 'the leaving client to go');
      const status: LinkStatus = started.host.links.report('peer:C2', 'peer', 'C2', 'up');

      const isPeer = (payload: unknown): boolean => (payload as LinkStatus).id === 'peer:C2';
      await expect(staying.event('onLinkStatus', isPeer)).resolves.toEqual({
        type: 'event',
        name: 'onLinkStatus',
        payload: status,
      });
      expect(
        leaving.messages.some(
          (message) => message.type === 'event' && message.name === 'onLinkStatus' && isPeer(message.payload),
        ),
      ).toBe(false);
    });
  });

  describe('given the server is closed', () => {
    it('when it closes, then connected clients are dropped and new connections are refused', async () => {
      const started = await start();
      const client = await open(started);
      await client.welcome();
      const url = started.wsUrl(started.server.token);

      await started.stop();

      await expect(client.closed).resolves.toMatchObject({ code: expect.any(Number) as unknown });
      expect(started.server.websocket.clientCount()).toBe(0);
      await expect(attemptConnect(url, { origin: started.server.origin })).resolves.toEqual({
        outcome: 'error',
        code: 'ECONNREFUSED',
      });
    });
  });
});

import { openConsole } from './support/driver';
import { expect, test } from './support/fixtures';

interface WireReply {
  readonly type: string;
  readonly id?: number;
  readonly result?: { ok: boolean; value?: unknown; error?: { code: string; issues?: { path: string }[] } };
  readonly error?: { code: string };
}

test.describe('WebSocket transport from the page', () => {
  test('given an open console, when the page calls the host over its WebSocket, then valid calls round-trip and invalid ones get typed errors', async ({
    page,
    nida,
  }) => {
    await openConsole(page, nida.url);

    const replies = await page.evaluate(async (token): Promise<WireReply[]> => {
      const socket = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
      const received: WireReply[] = [];
      await new Promise<void>((resolve, reject) => {
        socket.onmessage = (event: MessageEvent<string>) => {
          const message = JSON.parse(event.data) as WireReply;
          if (message.type === 'event') return;
          received.push(message);
          if (message.type === 'welcome') {
            socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'system.ping', args: { echo: 'نداء' } }));
            socket.send(JSON.stringify({ type: 'call', id: 2, channel: 'system.ping', args: { echo: 42 } }));
            socket.send(JSON.stringify({ type: 'call', id: 3, channel: 'incident.delete', args: {} }));
            socket.send('{not json');
          }
          if (received.length === 5) resolve();
        };
        socket.onerror = () => reject(new Error('socket failed'));
      });
      socket.close();
      return received;
    }, nida.token);

    const byId = (id: number) => replies.find((reply) => reply.type === 'result' && reply.id === id)?.result;
    expect(replies[0]?.type).toBe('welcome');
    expect(byId(1)).toMatchObject({ ok: true, value: { echo: 'نداء' } });
    expect(byId(2)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', issues: [{ path: 'echo' }] } });
    expect(byId(3)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(replies.find((reply) => reply.type === 'protocol-error')?.error?.code).toBe('INVALID_ARGUMENT');
  });

  test('given a page from another origin, when it tries the console WebSocket with a stolen token, then the host refuses it', async ({
    page,
    nida,
  }) => {
    // about:blank has an opaque origin; Chromium sends "Origin: null", which is not the console's.
    await page.goto('about:blank');
    const outcome = await page.evaluate(
      ({ origin, token }) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`);
          socket.onopen = () => resolve('opened');
          socket.onerror = () => resolve('refused');
        }),
      { origin: nida.origin, token: nida.token },
    );
    expect(outcome).toBe('refused');
  });
});

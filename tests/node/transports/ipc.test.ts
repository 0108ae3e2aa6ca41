import { describe, expect, it } from 'vitest';
import { createIpcTransport, type IpcTransport } from '../../../src-main/transports/ipc';
import type { Host } from '../../../src-main/host/createHost';
import type { HostEvent } from '../../../src-shared/contract/events';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { createTestHost } from '../support/testHost';
import { isAppUrl } from '../../../src-main/electron/policy';

const START = Date.UTC(2026, 10, 29, 9, 0, 0);
const WINDOW = 1;

/** The rule the Electron shell passes: only pages of app://nida. */
const isTrustedUrl = isAppUrl;

function linkStates(events: readonly HostEvent[]): string[] {
  return events.flatMap((event) => (event.name === 'onLinkStatus' ? [event.payload.state] : []));
}

describe('IPC transport', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  function setup(): { host: Host; transport: IpcTransport; checkedUrls: string[] } {
    const { host } = createTestHost(tempDir());
    defer(() => host.dispose());
    const checkedUrls: string[] = [];
    const transport = createIpcTransport(host, (url) => {
      checkedUrls.push(url);
      return isTrustedUrl(url);
    });
    return { host, transport, checkedUrls };
  }

  it('given a trusted window, when it invokes system.ping, then the call is dispatched to the host', async () => {
    const { transport, checkedUrls } = setup();

    const result = await transport.invoke(WINDOW, 'app://nida/index.html', 'system.ping', { echo: 'ipc' });

    expect(result).toEqual({ ok: true, value: { echo: 'ipc', hostTime: START } });
    expect(checkedUrls).toEqual(['app://nida/index.html']);
  });

  it.each([
    ['no sender url', undefined],
    ['a remote page', 'https://evil.example/index.html'],
    ['a look-alike host', 'app://nida.evil/index.html'],
    ['a local file', 'file:///tmp/index.html'],
  ])('given %s, when it invokes a channel, then the call is FORBIDDEN', async (_what, senderUrl) => {
    const { transport } = setup();

    const result = await transport.invoke(WINDOW, senderUrl, 'system.ping', { echo: 'x' });

    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it.each([42, null, undefined, { channel: 'system.ping' }, ['system.ping']])(
    'given a trusted window sending the non-string channel %j, when invoked, then the result is INVALID_ARGUMENT',
    async (channel) => {
      const { transport } = setup();

      const result = await transport.invoke(WINDOW, 'app://nida/', channel, { echo: 'x' });

      expect(result).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'channel must be a string' } });
    },
  );

  it('given a trusted window, when it sends bad args or an unknown channel, then the dispatcher errors come through unchanged', async () => {
    const { transport } = setup();

    const invalid = await transport.invoke(WINDOW, 'app://nida/', 'system.ping', { echo: 1 });
    const unknown = await transport.invoke(WINDOW, 'app://nida/', '__proto__.constructor', {});

    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', issues: [{ path: 'echo' }] } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('given two attached windows, when a link changes, then both get the event; after one detaches, only the other does', () => {
    const { host, transport } = setup();
    const first: HostEvent[] = [];
    const second: HostEvent[] = [];
    const detachFirst = transport.attachWindow(1, (event) => first.push(event));
    const detachSecond = transport.attachWindow(2, (event) => second.push(event));
    defer(detachSecond);

    host.links.report('broker', 'broker', 'broker', 'connecting');
    detachFirst();
    host.links.report('broker', 'broker', 'broker', 'up');

    expect(linkStates(first)).toEqual(['connecting']);
    expect(linkStates(second)).toEqual(['connecting', 'up']);
  });
});

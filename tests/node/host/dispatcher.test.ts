import { describe, expect, it } from 'vitest';
import type { CallContext, Handlers, HostHandlers, SystemApi } from '../../../src-shared/contract/api';
import { resolveChannel } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { createDispatcher } from '../../../src-main/host/dispatcher';
import { captureLogger } from '../support/captureLogger';
import { testContext } from '../support/testHost';

const HOST_TIME = Date.UTC(2026, 10, 29, 9, 0, 0);

/**
 * System-shaped handlers that record what reached them and fail on request. Only the three
 * foundation channels are implemented: the dispatcher is under test here, not the services.
 */
function recordingHandlers(): {
  handlers: HostHandlers;
  calls: { method: string; args: unknown; context: CallContext }[];
} {
  const calls: { method: string; args: unknown; context: CallContext }[] = [];
  const system: Pick<Handlers<SystemApi>, 'ping' | 'info' | 'links'> = {
    ping: async (args, context) => {
      calls.push({ method: 'ping', args, context });
      await Promise.resolve();
      if (args.echo === 'conflict')
        throw new AppError('CONFLICT', 'already taken', [{ path: 'echo', message: 'taken' }]);
      if (args.echo === 'not-found') throw new AppError('NOT_FOUND', 'no such thing');
      if (args.echo === 'boom') throw new Error('database password is hunter2');
      if (args.echo === 'weird') throw 'a bare string'; // eslint-disable-line @typescript-eslint/only-throw-error
      return { echo: args.echo, hostTime: HOST_TIME };
    },
    info: (args, context) => {
      calls.push({ method: 'info', args, context });
      throw new Error('info is not wired in this test');
    },
    links: (args, context) => {
      calls.push({ method: 'links', args, context });
      return [];
    },
  };
  // The other domains are never called in these tests, so they are left out on purpose.
  return { handlers: { system } as unknown as HostHandlers, calls };
}

function setup(): ReturnType<typeof recordingHandlers> &
  ReturnType<typeof captureLogger> & {
    dispatch: ReturnType<typeof createDispatcher>;
  } {
  const recording = recordingHandlers();
  const log = captureLogger();
  return {
    ...recording,
    ...log,
    dispatch: createDispatcher(recording.handlers, { admit: (_channel, _access, context) => context }, log.logger),
  };
}

describe('dispatcher', () => {
  it('given a known channel and valid args, when dispatched, then the handler gets the args and context and its value comes back ok', async () => {
    const { dispatch, calls } = setup();

    const result = await dispatch('system.ping', { echo: 'hello' }, testContext);

    expect(result).toEqual({ ok: true, value: { echo: 'hello', hostTime: HOST_TIME } });
    expect(calls).toEqual([{ method: 'ping', args: { echo: 'hello' }, context: testContext }]);
  });

  it.each(['system.nope', 'billing.ping', 'system', 'system.', '.ping', '', 'system.ping.extra', 'SYSTEM.PING'])(
    'given the unknown channel %j, when dispatched, then the result is UNKNOWN_CHANNEL and no handler runs',
    async (channel) => {
      const { dispatch, calls } = setup();

      const result = await dispatch(channel, { echo: 'x' }, testContext);

      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expect(calls).toEqual([]);
    },
  );

  it.each([
    '__proto__.x',
    '__proto__.ping',
    '__proto__.constructor',
    'constructor.name',
    'toString.call',
    'hasOwnProperty.call',
    'system.constructor',
    'system.hasOwnProperty',
    'system.toString',
    'system.__proto__',
    'system.valueOf',
    'system.isPrototypeOf',
  ])(
    'given the prototype-walking channel %j, when dispatched, then it resolves to UNKNOWN_CHANNEL without reaching anything',
    async (channel) => {
      const { dispatch, calls } = setup();

      expect(resolveChannel(channel)).toBeNull();
      const result = await dispatch(channel, {}, testContext);

      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expect(calls).toEqual([]);
    },
  );

  it('given a very long unknown channel, when dispatched, then the error message quotes at most 100 characters of it', async () => {
    const { dispatch } = setup();

    const result = await dispatch(`x.${'y'.repeat(5000)}`, {}, testContext);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message.length).toBeLessThan(150);
  });

  it('given args of the wrong type plus an unknown key, when dispatched, then INVALID_ARGUMENT lists each issue by path and the handler never runs', async () => {
    const { dispatch, calls } = setup();

    const result = await dispatch('system.ping', { echo: 42, extra: true }, testContext);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_ARGUMENT');
    expect(result.error.message).toContain('system.ping');
    const issues = result.error.issues ?? [];
    expect(issues.map((issue) => issue.path).sort()).toEqual(['', 'echo']);
    for (const issue of issues) expect(issue.message).toEqual(expect.any(String));
    expect(issues.find((issue) => issue.path === '')?.message).toContain('extra');
    expect(calls).toEqual([]);
  });

  it('given an echo over 200 characters, when dispatched, then INVALID_ARGUMENT names the echo path', async () => {
    const { dispatch, calls } = setup();

    const result = await dispatch('system.ping', { echo: 'a'.repeat(201) }, testContext);

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', issues: [{ path: 'echo', message: expect.any(String) as unknown }] },
    });
    expect(calls).toEqual([]);
  });

  it.each([undefined, null, 'text', [], 7])(
    'given args %j that are not an object, when dispatched, then INVALID_ARGUMENT reports the root path',
    async (args) => {
      const { dispatch, calls } = setup();

      const result = await dispatch('system.links', args, testContext);

      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', issues: [{ path: '' }] } });
      expect(calls).toEqual([]);
    },
  );

  it('given a handler that throws an AppError, when dispatched, then its code, message and issues come back as data', async () => {
    const { dispatch } = setup();

    const conflict = await dispatch('system.ping', { echo: 'conflict' }, testContext);
    const missing = await dispatch('system.ping', { echo: 'not-found' }, testContext);

    expect(conflict).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'already taken', issues: [{ path: 'echo', message: 'taken' }] },
    });
    expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no such thing' } });
  });

  it('given a handler that throws a plain Error, when dispatched, then the result is INTERNAL with a generic message and the detail only in the log', async () => {
    const { dispatch, text } = setup();

    const result = await dispatch('system.ping', { echo: 'boom' }, { ...testContext, clientId: 'client-7' });

    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'system.ping failed; see the host log' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(text()).toContain('hunter2');
    expect(text()).toContain('client-7');
  });

  it('given a synchronous handler that throws, or one that throws a non-Error, when dispatched, then the dispatcher still resolves with INTERNAL', async () => {
    const { dispatch } = setup();

    const syncThrow = await dispatch('system.info', {}, testContext);
    const bareThrow = await dispatch('system.ping', { echo: 'weird' }, testContext);

    expect(syncThrow).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(bareThrow).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(bareThrow)).not.toContain('bare string');
  });
});

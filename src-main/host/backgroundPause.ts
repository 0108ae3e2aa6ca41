/**
 * The pause between two steps of background work (the gazetteer's load): the host answers its
 * windows meanwhile. While `busy` says more urgent work runs (a console catching up with its center
 * applies the room's picture first), the pause lasts until it ends, or until `busyWaitMs` from the
 * first pause have passed, so that background work that is waited on long enough still finishes.
 * Once `stopped`, a pause rejects and the work ends.
 */
export function backgroundPause(options: {
  readonly stopped: () => boolean;
  readonly busy: () => boolean;
  readonly busyWaitMs: number;
  readonly pollMs?: number;
  readonly now?: () => number;
}): () => Promise<void> {
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 50;
  let waitUntil: number | null = null;
  return () =>
    new Promise((resolve, reject) => {
      waitUntil ??= now() + options.busyWaitMs;
      const deadline = waitUntil;
      const next = (): void => {
        if (options.stopped()) reject(new Error('host stopped'));
        else if (options.busy() && now() < deadline) setTimeout(next, pollMs).unref();
        else setImmediate(resolve);
      };
      next();
    });
}

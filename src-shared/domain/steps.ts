/**
 * Work written as a generator that yields between steps (`placeIndexSteps`, `gazetteerSteps`): the
 * caller decides whether to pause between them or not.
 */
export type Steps<T> = Generator<undefined, T, undefined>;

/** Runs every step at once and returns the result. */
export function finishSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

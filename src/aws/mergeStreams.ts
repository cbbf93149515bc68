type Settled<T> = { index: number; result?: IteratorResult<T>; error?: unknown };

/**
 * Yields the values of several async iterators in the order they arrive. The first failure ends the merge with that
 * error; failures that come after it are settled here, never left unhandled. Stopping the iterators still running
 * (their calls in flight) is the caller's job, with the abort signal it gave them.
 */
export async function* mergeStreams<T>(streams: ReadonlyArray<AsyncIterator<T>>): AsyncGenerator<T> {
  const pending = new Map<number, Promise<Settled<T>>>();
  const pull = (index: number): void => {
    pending.set(
      index,
      streams[index].next().then(
        (result) => ({ index, result }),
        (error: unknown) => ({ index, error }),
      ),
    );
  };
  streams.forEach((_, index) => pull(index));
  while (pending.size > 0) {
    const { index, result, error } = await Promise.race(pending.values());
    pending.delete(index);
    if (!result) throw error;
    if (result.done) continue;
    pull(index);
    yield result.value;
  }
}

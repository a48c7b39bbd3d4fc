/**
 * Settles like `work`, unless `signal` aborts first: then rejects at once with `onAbort()`'s error
 * (`work` goes on in the background and its outcome is ignored). For steps the engine cannot cancel
 * itself, such as waiting for the assistant's answer, so that an abort (SIGINT, max_duration, an
 * abort rule, the kill switch) rolls the run back now rather than when the step ends.
 *
 * @example
 * const turn = await untilAborted(client.rca(input), signal, () => new Error('aborted'));
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(onAbort());
  }
  return new Promise<T>((resolve, reject) => {
    const aborted = () => {
      work.catch(() => {});
      reject(onAbort());
    };
    signal.addEventListener('abort', aborted, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', aborted);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', aborted);
        reject(error);
      },
    );
  });
}

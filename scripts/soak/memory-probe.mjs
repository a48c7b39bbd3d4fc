// Preloaded into a server under soak (node --expose-gc --import memory-probe.mjs …): on an IPC
// message {type: 'soak:memory'} it collects garbage twice and answers process.memoryUsage(), so the
// soak compares the heap that is really retained, not garbage waiting for the next collection.
process.on('message', (message) => {
  if (message?.type !== 'soak:memory') return;
  globalThis.gc?.();
  globalThis.gc?.();
  process.send?.({ type: 'soak:memory', gc: typeof globalThis.gc === 'function', ...process.memoryUsage() });
});

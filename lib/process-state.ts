/**
 * Next bundles our server code into several layers (route handlers, server components,
 * instrumentation), and each layer gets its own copy of our modules: a module-level variable would
 * exist once per layer, while the process has one store, one cache, one set of in-flight loads.
 * Per-process state therefore lives on `globalThis`, under a registered symbol every copy shares.
 */
export function perProcess<T>(key: string, create: () => T): T {
  const slot = Symbol.for(`echotune.${key}`);
  const holder = globalThis as unknown as Record<symbol, T | undefined>;
  let value = holder[slot];
  if (value === undefined) {
    value = create();
    holder[slot] = value;
  }
  return value;
}

/**
 * A shared, expensive fixture (a conversion, a training run) made by whichever test needs it
 * first and reused by the rest, so tests still pass when run alone or in another order.
 */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

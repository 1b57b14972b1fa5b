// Pure functions of a string that are costly and called on hot paths, remembered per input in a bounded map.

/**
 * `compute`, remembered for its last `maxEntries` distinct inputs; the oldest input is forgotten first. Only for pure
 * functions: a remembered result is returned as is, so it must not be mutated by callers.
 */
export function memoize<R>(compute: (input: string) => R, options: { maxEntries: number }): (input: string) => R {
  const results = new Map<string, R>();
  return (input) => {
    if (results.has(input)) return results.get(input) as R;
    const result = compute(input);
    if (results.size >= options.maxEntries) results.delete(results.keys().next().value as string);
    results.set(input, result);
    return result;
  };
}

// Tests index into lists they have just checked or waited for; this makes the "it is there" explicit and typed.

/** The element at `index` (negative counts from the end); fails the test, naming `what`, when there is none. */
export function itemAt<T>(list: readonly T[], index: number, what = "element"): T {
  const item = list.at(index);
  if (item === undefined) throw new Error(`expected a ${what} at index ${index}, but the list has ${list.length}`);
  return item;
}

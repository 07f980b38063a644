/**
 * `items` with each replaced by `next(item, index)`: the very array when none changed, else a copy
 * begun at the first that did. The input is never modified. Canonical JSON and redaction walk
 * every array of every record; nearly all come through unchanged, and so cost no copy.
 */
export function mapItems(items: readonly unknown[], next: (item: unknown, index: number) => unknown): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const written = next(item, i);
    if (out === undefined && written !== item) out = items.slice(0, i);
    out?.push(written);
  }
  return out ?? (items as unknown[]);
}

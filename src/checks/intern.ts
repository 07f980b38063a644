/**
 * Hands back the first value made for a key, so equal values computed for thousands of resources
 * (a verdict's reason, a list of references) are held once. Bounded: past `limit` keys nothing more
 * is held and a value is made and returned as is, so the table never grows with the estate.
 */
export class BoundedInterner<T> {
  private readonly held = new Map<string, T>();

  constructor(private readonly limit: number) {}

  intern(key: string, make: () => T): T {
    const held = this.held.get(key);
    if (held !== undefined) return held;
    const made = make();
    if (this.held.size < this.limit) this.held.set(key, made);
    return made;
  }

  clear(): void {
    this.held.clear();
  }
}

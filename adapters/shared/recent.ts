/**
 * A bounded memory in two generations: when the newer fills, the older is dropped in one go.
 * Constant time per call, unlike evicting a Map's oldest key one by one (V8 keeps deleted
 * entries as holes that every `keys().next()` walks past until the table is rebuilt).
 */
export class Recent<V> {
  #current = new Map<string, V>();
  #previous = new Map<string, V>();

  constructor(private readonly perGeneration: number) {}

  get(key: string): V | undefined {
    return this.#current.get(key) ?? this.#previous.get(key);
  }

  set(key: string, value: V): void {
    if (this.#current.size >= this.perGeneration) {
      this.#previous = this.#current;
      this.#current = new Map();
    }
    this.#current.set(key, value);
  }
}

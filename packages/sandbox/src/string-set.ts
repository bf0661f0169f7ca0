/**
 * A set of strings for deduplicating a list of millions of addresses. A `Set<string>` of 8 million
 * addresses costs the sandbox about 700 MB and, as the heap fills with small strings, tens of
 * seconds of garbage collection; here the characters live in one byte array and the table in typed
 * arrays, so 8 million addresses of 25 characters take about 350 MB and no collector work.
 */

export interface StringSet {
  /** Adds `value`; true when it was not there yet. */
  add(value: string): boolean;
  /**
   * Adds the ASCII text `bytes[start..end)` in lower case (what `add` of its lower-cased string
   * would add), without making a string of it.
   */
  addLowerAscii(bytes: Uint8Array, start: number, end: number): boolean;
  readonly size: number;
}

/** `array` with room for `needed` elements, doubled as often as that takes. */
function grown<T extends Uint8Array | Uint32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let length = array.length * 2;
  while (length < needed) length *= 2;
  const copy = new (array.constructor as new (n: number) => T)(length);
  copy.set(array);
  return copy;
}

export function stringSet(): StringSet {
  // Entry i: its characters are chars[starts[i]..starts[i + 1]).
  let chars = new Uint8Array(1 << 16);
  let starts = new Uint32Array(1 << 10);
  let count = 0;
  // Open addressing with linear probing, at most half full: pairs of (hash, entry + 1), so a probe
  // reads one place in memory and compares characters only when the hashes agree.
  let slots = new Uint32Array(1 << 12);
  // Strings with characters above U+00FF (rare in addresses) are kept as strings.
  const wide = new Set<string>();

  // The characters of the value being added.
  let scratch = new Uint8Array(256);

  const equals = (entry: number, length: number): boolean => {
    const start = starts[entry]!;
    if (starts[entry + 1]! - start !== length) return false;
    for (let i = 0; i < length; i++) if (chars[start + i] !== scratch[i]) return false;
    return true;
  };

  const rehash = () => {
    const old = slots;
    slots = new Uint32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      let slot = old[i]! & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      ((slots[2 * slot] = old[i]!), (slots[2 * slot + 1] = old[i + 1]!));
    }
  };

  /**
   * Adds the `length` characters `scratch` holds, whose FNV-1a hash is `fnv`. Murmur3's finalizer
   * mixes the hash, so that its low bits (the slot) spread even for addresses that differ little.
   */
  const insert = (fnv: number, length: number): boolean => {
    let hash = Math.imul(fnv ^ (fnv >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash = (hash ^ (hash >>> 16)) >>> 0;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    for (let entry = slots[2 * slot + 1]!; entry !== 0; entry = slots[2 * slot + 1]!) {
      if (slots[2 * slot] === hash && equals(entry - 1, length)) return false;
      slot = (slot + 1) & mask;
    }
    const start = starts[count]!;
    chars = grown(chars, start + length);
    chars.set(scratch.subarray(0, length), start);
    starts = grown(starts, count + 2);
    starts[count + 1] = start + length;
    ((slots[2 * slot] = hash), (slots[2 * slot + 1] = ++count));
    if (count * 4 > slots.length) rehash();
    return true;
  };

  return {
    get size() {
      return count + wide.size;
    },
    add(value) {
      scratch = grown(scratch, value.length);
      let fnv = 0x811c9dc5;
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (c > 0xff) return wide.size !== wide.add(value).size;
        scratch[i] = c;
        fnv = Math.imul(fnv ^ c, 0x01000193);
      }
      return insert(fnv, value.length);
    },
    addLowerAscii(bytes, start, end) {
      const length = end - start;
      scratch = grown(scratch, length);
      let fnv = 0x811c9dc5;
      for (let i = 0; i < length; i++) {
        const b = bytes[start + i]!;
        const c = b >= 65 && b <= 90 ? b + 32 : b;
        scratch[i] = c;
        fnv = Math.imul(fnv ^ c, 0x01000193);
      }
      return insert(fnv, length);
    },
  };
}

// FNV-1a over UTF-16 code units, 32 bits. The scorer must reproduce these
// bucket ids exactly, so the function is spelled out rather than taken
// from a library whose output could change between versions.
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Bucket in [1, buckets): id 0 is reserved for padding. */
export function hashBucket(key: string, buckets: number): number {
  return 1 + (fnv1a32(key) % (buckets - 1));
}

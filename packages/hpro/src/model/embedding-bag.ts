// Mean of embedding rows: the operation behind the text tower and the
// category block. Row 0 is padding and is never part of a bag.

/** Mean of table rows for the given ids, added at out[offset...]. */
export function bagMean(
  table: Float64Array,
  dim: number,
  ids: Int32Array,
  out: Float64Array,
  offset: number,
): void {
  if (ids.length === 0) return;
  for (let k = 0; k < ids.length; k++) {
    const row = (ids[k] as number) * dim;
    for (let d = 0; d < dim; d++) {
      out[offset + d] =
        (out[offset + d] as number) + (table[row + d] as number);
    }
  }

  const inv = 1 / ids.length;
  for (let d = 0; d < dim; d++) {
    out[offset + d] = (out[offset + d] as number) * inv;
  }
}

/** Adds the gradient of bagMean to the rows of `grad`; notes the rows. */
export function bagBackward(
  grad: Float64Array,
  dim: number,
  ids: Int32Array,
  dOut: Float64Array,
  offset: number,
  touched: Set<number>,
): void {
  if (ids.length === 0) return;
  const inv = 1 / ids.length;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k] as number;
    touched.add(id);
    const row = id * dim;
    for (let d = 0; d < dim; d++) {
      grad[row + d] =
        (grad[row + d] as number) + inv * (dOut[offset + d] as number);
    }
  }
}

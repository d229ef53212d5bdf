/** Test helper: cuts a text into token deltas, as an LLM stream would. */

/** Cuts `text` into deltas of the given sizes (cycled over the text). */
export function cutIntoDeltas(text: string, sizes: readonly number[]): string[] {
  const deltas: string[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const n = sizes[k % sizes.length] as number;
    deltas.push(text.slice(i, i + n));
    i += n;
  }
  return deltas;
}

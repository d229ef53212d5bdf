/**
 * A RIFF/WAVE header reader, for tests that check what the server sent. It accepts files from
 * other tools too (extra chunks such as `LIST`, WAVE_FORMAT_EXTENSIBLE, stereo).
 */

/** What a WAV header says. */
export interface WavInfo {
  /** Format tag: 1 for integer PCM, 0xFFFE for WAVE_FORMAT_EXTENSIBLE. */
  audioFormat: number;
  channels: number;
  /** Hz. */
  sampleRate: number;
  /** Bytes per second. */
  byteRate: number;
  /** Bytes per frame (all channels). */
  blockAlign: number;
  bitsPerSample: number;
  /** Where the sample bytes start. */
  dataOffset: number;
  /** Length of the sample bytes, as declared; may exceed what `bytes` holds for a truncated stream. */
  dataBytes: number;
}

/**
 * Reads the header of a RIFF/WAVE file: walks the chunks to `fmt ` and `data`.
 * @throws Error saying what is wrong when `bytes` is not a WAV file.
 */
export function parseWavHeader(bytes: Uint8Array): WavInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || readTag(bytes, 0) !== 'RIFF' || readTag(bytes, 8) !== 'WAVE') {
    throw new Error('Not a WAV file: no RIFF/WAVE signature.');
  }
  let format: Omit<WavInfo, 'dataOffset' | 'dataBytes'> | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = readTag(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.byteLength) throw new Error('Bad WAV file: fmt chunk too short.');
      format = {
        audioFormat: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        byteRate: view.getUint32(body + 8, true),
        blockAlign: view.getUint16(body + 12, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (format === undefined) throw new Error('Bad WAV file: data chunk before fmt chunk.');
      return { ...format, dataOffset: body, dataBytes: size };
    }
    // Chunks are padded to an even length.
    offset = body + size + (size % 2);
  }
  throw new Error(format === undefined ? 'Bad WAV file: no fmt chunk.' : 'Bad WAV file: no data chunk.');
}

function readTag(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset] ?? 0, bytes[offset + 1] ?? 0, bytes[offset + 2] ?? 0, bytes[offset + 3] ?? 0);
}

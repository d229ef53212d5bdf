/**
 * Telephony audio: `encoding` g711_ulaw / g711_alaw on a real server with the real pool. The
 * frames are decoded here by a reference decoder written from ITU-T G.711 (not the codec library
 * the server uses) and compared with the PCM16 rendering of the same text at the same rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_G711_ALAW, FORMAT_G711_ULAW } from '../../src/protocol/audio-encoding.js';
import type { SaywireServer } from '../../src/server/server.js';
import { startServer } from '../support/server.js';
import { TestClient } from '../support/test-client.js';

/** ITU-T G.711 µ-law expansion: complemented code, sign, 3-bit segment, 4-bit step; bias 0x84. */
function ulawToLinear(code: number): number {
  const u = ~code & 0xff;
  const segment = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << segment) - 0x84;
  return u & 0x80 ? 0 - magnitude : magnitude; // 0 - 0 is +0, as in an Int16Array
}

/** ITU-T G.711 A-law expansion: even bits inverted (0x55), sign bit set for positive values. */
function alawToLinear(code: number): number {
  const a = code ^ 0x55;
  const segment = (a >> 4) & 0x07;
  const step = a & 0x0f;
  const magnitude = segment === 0 ? (step << 4) + 8 : ((step << 4) + 0x108) << (segment - 1);
  return a & 0x80 ? magnitude : 0 - magnitude;
}

const TEXT = 'Thank you for calling. Your order will arrive on Monday.';

let server: SaywireServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

/** Speaks TEXT with `audio` settings; returns the frames and the audio.done events. */
async function speak(audio: Record<string, unknown>) {
  const client = await TestClient.connect(server.url);
  client.send({ type: 'session.update', session: { audio } });
  const session = (await client.next('session.updated')).session as { audio: Record<string, unknown> };
  client.send({ type: 'text.append', delta: TEXT });
  client.send({ type: 'text.done' });
  const done = (await client.next('response.done')).response as { status: string };
  expect(done.status).toBe('completed');
  const result = { session, frames: client.audio(), events: client.events(), audioDone: client.events('response.audio.done') };
  client.close();
  return result;
}

/** Pearson correlation of two signals over their common length. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= n;
  mb /= n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const x = (a[i] as number) - ma;
    const y = (b[i] as number) - mb;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / Math.sqrt(aa * bb);
}

/** RMS per 20 ms window at 8 kHz: the loudness contour of the speech. */
function envelope(samples: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let at = 0; at + 160 <= samples.length; at += 160) {
    let sum = 0;
    for (let i = at; i < at + 160; i++) sum += (samples[i] as number) ** 2;
    out.push(Math.sqrt(sum / 160));
  }
  return out;
}

/** Mean absolute difference, dB, of two loudness contours over the windows where `b` has speech. */
function envelopeDistanceDb(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ea = envelope(a);
  const eb = envelope(b);
  let sum = 0;
  let windows = 0;
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
    if ((eb[i] as number) < 100) continue;
    sum += Math.abs(20 * Math.log10(((ea[i] as number) + 1) / ((eb[i] as number) + 1)));
    windows++;
  }
  return sum / windows;
}

/** Samples per sentence, each sentence's frames joined. */
function bySentence<F extends { header: { sentenceIndex: number } }>(frames: F[], samples: (f: F) => number[]): number[][] {
  const out: number[][] = [];
  for (const f of frames) (out[f.header.sentenceIndex] ??= []).push(...samples(f));
  return out;
}

/**
 * How far `decoded` is from `reference`, sentence by sentence (each sentence is its own synthesis,
 * so a small length difference in one does not shift the next): the worst sentence's loudness
 * contour correlation and its mean distance, dB.
 */
function compare(decoded: number[][], reference: number[][]): { correlation: number; distanceDb: number } {
  expect(decoded.length).toBe(reference.length);
  let worstCorrelation = 1;
  let worstDistance = 0;
  reference.forEach((ref, i) => {
    const got = decoded[i] as number[];
    // eSpeak's output varies by a few samples from one synthesis to the next.
    expect(Math.abs(got.length - ref.length)).toBeLessThan(ref.length * 0.02);
    worstCorrelation = Math.min(worstCorrelation, correlation(envelope(got), envelope(ref)));
    worstDistance = Math.max(worstDistance, envelopeDistanceDb(got, ref));
  });
  return { correlation: worstCorrelation, distanceDb: worstDistance };
}

let reference: number[][];
beforeAll(async () => {
  const pcm = await speak({ encoding: 'pcm16', sample_rate: 8000, frame_ms: 40 });
  expect(pcm.frames.every((f) => f.header.format === 1 && f.header.sampleRate === 8000)).toBe(true);
  reference = bySentence(pcm.frames, (f) => [...f.samples]);
  expect(reference.length).toBe(2);
});

describe.each([
  { encoding: 'g711_ulaw', format: FORMAT_G711_ULAW, decode: ulawToLinear },
  { encoding: 'g711_alaw', format: FORMAT_G711_ALAW, decode: alawToLinear },
])('encoding $encoding', ({ encoding, format, decode }) => {
  it('sends 8 kHz, one-byte-a-sample binary frames that decode to the speech PCM16 gives', async () => {
    const { session, frames, audioDone } = await speak({ encoding, frame_ms: 40 });
    expect(session.audio).toMatchObject({ encoding, sample_rate: 8000 });
    expect(frames.length).toBeGreaterThan(10);
    for (const f of frames) {
      expect(f.header).toMatchObject({ version: 1, format, sampleRate: 8000 });
      // 40 ms at 8 kHz, one byte each (a sentence's last frame may be shorter).
      expect(f.payload.byteLength).toBeLessThanOrEqual(320);
    }
    expect(frames.filter((f) => f.payload.byteLength === 320).length).toBeGreaterThan(frames.length / 2);
    const decoded = bySentence(frames, (f) => [...f.payload].map(decode));
    // The duration the server reports is the bytes' duration at 8 kHz.
    expect(audioDone.every((e) => e.sample_rate === 8000)).toBe(true);
    audioDone.forEach((e, i) => expect(Math.abs((e.duration_ms as number) - (decoded[i] as number[]).length / 8)).toBeLessThan(1));
    // The same speech as PCM16 at 8 kHz. eSpeak's waveform varies slightly from one synthesis to
    // the next (phase, a few samples of length), so the comparison is of the loudness contour:
    // near-identical, and within a few dB where there is speech.
    const { correlation: r, distanceDb } = compare(decoded, reference);
    expect(r).toBeGreaterThan(0.9);
    expect(distanceDb).toBeLessThan(4);
    expect(Math.max(...envelope(decoded.flat()))).toBeGreaterThan(1000);
    // The bound tells the laws apart: the other law's decoder is about 10 dB off.
    const otherLaw = encoding === 'g711_ulaw' ? alawToLinear : ulawToLinear;
    expect(compare(bySentence(frames, (f) => [...f.payload].map(otherLaw)), reference).distanceDb).toBeGreaterThan(6);
    // And the library's decoding, which clients of decodeAudioFrame get, agrees with the reference.
    expect(bySentence(frames, (f) => [...f.samples])).toEqual(decoded);
  });

  it('sends the same bytes base64-encoded in response.audio.delta', async () => {
    const { events } = await speak({ encoding, format: 'base64', frame_ms: 20 });
    const deltas = events.filter((e) => e.type === 'response.audio.delta');
    expect(deltas.length).toBeGreaterThan(10);
    for (const e of deltas) expect(Buffer.from(e.audio as string, 'base64').length).toBeLessThanOrEqual(160);
    const asFrames = deltas.map((e) => ({ header: { sentenceIndex: e.sentence_index as number }, bytes: [...Buffer.from(e.audio as string, 'base64')] }));
    expect(compare(bySentence(asFrames, (f) => f.bytes.map(decode)), reference).distanceDb).toBeLessThan(4);
  });
});

describe('encoding validation', () => {
  it('refuses a sample rate asked for together with G.711, and a return to pcm16 restores the PCM16 rate', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'session.update', session: { audio: { sample_rate: 24000 } } });
    await client.next('session.updated');
    client.send({ type: 'session.update', event_id: 'both', session: { audio: { encoding: 'g711_ulaw', sample_rate: 16000 } } });
    const error = (await client.next('error')).error as { code: string; event_id: string; message: string };
    expect(error).toMatchObject({ code: 'INVALID_EVENT', event_id: 'both' });
    expect(error.message).toContain('session.audio.sample_rate');
    client.send({ type: 'session.update', session: { audio: { encoding: 'g711_alaw' } } });
    expect(((await client.next('session.updated')).session as { audio: unknown }).audio).toMatchObject({ encoding: 'g711_alaw', sample_rate: 8000 });
    client.send({ type: 'session.update', session: { audio: { encoding: 'pcm16' } } });
    expect(((await client.next('session.updated')).session as { audio: unknown }).audio).toMatchObject({ encoding: 'pcm16', sample_rate: 24000 });
    client.send({ type: 'session.update', event_id: 'opus', session: { audio: { encoding: 'opus' } } });
    expect(((await client.next('error')).error as { event_id: string }).event_id).toBe('opus');
    client.close();
  });
});

import { describe, expect, it } from 'vitest';
import { validateOptions } from '../../src/config/options.js';
import { OPENAI_VOICES, parseSpeechRequest, resolveVoice } from '../../src/server/speech-request.js';
import type { EngineInfo } from '../../src/session/session-settings.js';
import { DEFAULT_ENGINE } from '../../src/speech/engines.js';

/** eSpeak's English voices, as the warm pool reports them. */
const ENGLISH = ['en-029', 'en', 'en-gb-scotland', 'en-gb-x-gbclan', 'en-gb-x-gbcwmd', 'en-gb-x-rp', 'en-us', 'en-us-nyc'];
const engine = (voices: string[]): EngineInfo => ({ voices: new Set(voices), list: [], description: DEFAULT_ENGINE.description });
const options = validateOptions({});

describe('speech request voices', () => {
  it('gives each of OpenAI\'s thirteen voices its own eSpeak voice and pitch', () => {
    const picks = [...OPENAI_VOICES].map((name) => resolveVoice(name, engine(ENGLISH), options));
    for (const pick of picks) expect(ENGLISH).toContain(pick?.voice);
    expect(new Set(picks.map((p) => `${p?.voice}/${p?.pitch}`)).size).toBe(13);
  });

  it('prefers an engine voice of the same name, and falls back to the default voice when the stand-in is missing', () => {
    expect(resolveVoice('alloy', engine([...ENGLISH, 'alloy']), options)).toEqual({ voice: 'alloy', pitch: options.speechPitch });
    expect(resolveVoice('sage', engine(['en-us']), options)).toEqual({ voice: options.voice, pitch: options.speechPitch });
    expect(resolveVoice('bogus', engine(ENGLISH), options)).toBeUndefined();
  });

  it("takes OpenAI's custom-voice object form", () => {
    expect(parseSpeechRequest({ input: 'Hi.', voice: { id: 'en-gb-x-rp' } }, engine(ENGLISH), options).voice).toBe('en-gb-x-rp');
  });
});

describe('speech request defaults and limits', () => {
  it('defaults to mp3 at 24 kHz, streamed as audio', () => {
    expect(parseSpeechRequest({ input: 'Hi.' }, engine(ENGLISH), options)).toMatchObject({ format: 'mp3', sampleRate: 24_000, stream: 'audio', rate: options.speechRate });
  });

  it('maps speed onto the speaking rate, and names the range it can reach when it cannot', () => {
    expect(parseSpeechRequest({ input: 'Hi.', speed: 2 }, engine(ENGLISH), options).rate).toBe(2 * options.speechRate);
    expect(() => parseSpeechRequest({ input: 'Hi.', speed: 0.25 }, engine(ENGLISH), options)).toThrow(/from 0\.46 to 2\.57/);
    expect(() => parseSpeechRequest({ input: 'Hi.', speed: 4 }, engine(ENGLISH), options)).toThrow(/words per minute/);
  });

  it('says aac is not offered and lists what is', () => {
    expect(() => parseSpeechRequest({ input: 'Hi.', response_format: 'aac' }, engine(ENGLISH), options)).toThrow(
      'Field "response_format" must be one of mp3, opus, flac, wav, pcm; got "aac" (aac is not offered).',
    );
  });
});

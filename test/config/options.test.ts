import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { optionsFromArgv, optionsFromEnv, resolveOptions } from '../../src/config/option-sources.js';
import { DEFAULT_OPTIONS, SETTINGS, envName, flagName, validateOptions } from '../../src/config/options.js';
import { ConfigError } from '../../src/errors.js';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('settings', () => {
  it('has the defaults the issue fixes', () => {
    expect(DEFAULT_OPTIONS.host).toBe('127.0.0.1');
    expect(DEFAULT_OPTIONS.port).toBe(8080);
    expect(DEFAULT_OPTIONS.chunking).toBe('pool');
    expect(DEFAULT_OPTIONS.agent).toBe('scripted');
    expect(DEFAULT_OPTIONS.interruptWaitMs).toBe(1000);
    expect(Object.isFrozen(DEFAULT_OPTIONS)).toBe(true);
  });

  it('derives the fixed env var names', () => {
    expect(envName('host')).toBe('SAYWIRE_HOST');
    expect(envName('port')).toBe('SAYWIRE_PORT');
    expect(envName('chunking')).toBe('SAYWIRE_CHUNKING');
    expect(envName('agent')).toBe('SAYWIRE_AGENT');
    expect(envName('logLevel')).toBe('SAYWIRE_LOG_LEVEL');
    expect(envName('scriptedTokensPerSecond')).toBe('SAYWIRE_SCRIPTED_TOKENS_PER_SECOND');
    expect(flagName('scriptedTokensPerSecond')).toBe('--scripted-tokens-per-second');
  });

  it('rejects a value out of range, naming the setting and the range', () => {
    const err = configError(() => validateOptions({ port: 70_000 }));
    expect(err.setting).toBe('port');
    expect(err.message).toContain('"port"');
    expect(err.message).toContain('0 to 65535');
  });

  it('rejects non-integers, bad enums, wrong types and unknown keys', () => {
    expect(configError(() => validateOptions({ interruptWaitMs: 1.5 })).setting).toBe('interruptWaitMs');
    expect(configError(() => validateOptions({ chunking: 'gpu' })).message).toContain('one of pool, inline');
    expect(configError(() => validateOptions({ logText: 'yes' })).setting).toBe('logText');
    expect(configError(() => validateOptions({ prot: 1 })).message).toContain('Unknown setting "prot"');
  });

  it('checks settings against each other', () => {
    expect(configError(() => validateOptions({ poolMinThreads: 4, poolMaxThreads: 2 })).setting).toBe('poolMinThreads');
    expect(configError(() => validateOptions({ maxSentenceChars: 50, firstClauseChars: 60 })).setting).toBe('firstClauseChars');
    expect(configError(() => validateOptions({ sendHighWaterBytes: 4096, sendHardCapBytes: 2048 })).setting).toBe(
      'sendHighWaterBytes',
    );
  });

  it('reads the environment, and refuses an unknown SAYWIRE_ variable', () => {
    const env = optionsFromEnv({ SAYWIRE_PORT: '9000', SAYWIRE_CHUNKING: 'inline', SAYWIRE_LOG_TEXT: 'true', PATH: '/bin' });
    expect(env).toEqual({ port: 9000, chunking: 'inline', logText: true });
    expect(configError(() => optionsFromEnv({ SAYWIRE_PROT: '1' })).message).toContain('SAYWIRE_PROT');
    expect(configError(() => validateOptions(optionsFromEnv({ SAYWIRE_PORT: 'abc' }))).setting).toBe('port');
    expect(configError(() => validateOptions(optionsFromEnv({ SAYWIRE_PORT: '' }))).setting).toBe('port');
  });

  it('reads flags in both forms, bare booleans and --config', () => {
    const cli = optionsFromArgv(['--port', '9001', '--chunking=inline', '--log-text', '--config', 'a.json']);
    expect(cli.options).toEqual({ port: 9001, chunking: 'inline', logText: true });
    expect(cli.configFile).toBe('a.json');
    expect(configError(() => optionsFromArgv(['--nope', '1'])).message).toContain('--nope');
    expect(configError(() => optionsFromArgv(['--port'])).message).toContain('needs a value');
  });

  it('requires a token off loopback', () => {
    expect(configError(() => validateOptions({ host: '0.0.0.0' })).setting).toBe('authToken');
    expect(validateOptions({ host: '127.0.0.2' }).host).toBe('127.0.0.2');
  });

  it('layers file < env < flags and names the layer of a bad value', () => {
    const merged = resolveOptions({ file: { port: 1, host: '0.0.0.0', authToken: 'secret' }, env: { port: 2 }, argv: { port: 3 } });
    expect(merged.port).toBe(3);
    expect(merged.host).toBe('0.0.0.0');
    expect(configError(() => resolveOptions({ file: { port: -1 } })).message).toContain('config file');
    // Cross-setting rules apply to the merge, not to each layer.
    expect(resolveOptions({ file: { poolMaxThreads: 8 }, argv: { poolMinThreads: 4 } }).poolMinThreads).toBe(4);
  });

  it('documents every setting in the README with the same words as the table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [name, spec] of Object.entries(SETTINGS)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row, name).toBeDefined();
      expect(row?.endsWith(`| ${spec.doc} |`), name).toBe(true);
    }
  });
});

describe('speech engine settings (tts*)', () => {
  const upstream = { tts: 'openai', ttsBaseUrl: 'http://127.0.0.1:8880/v1' };

  it('default to eSpeak; openai defaults to model tts-1 and the OpenAI voices, the first one speaking', () => {
    expect(DEFAULT_OPTIONS).toMatchObject({ tts: 'espeak', ttsModel: 'tts-1', ttsApiKey: '', voice: 'en-us' });
    expect(validateOptions(upstream)).toMatchObject({ voice: 'alloy', ttsModel: 'tts-1' });
    expect(validateOptions({ ...upstream, ttsVoices: ' af_bella, am_michael ' }).voice).toBe('af_bella');
    expect(validateOptions({ ...upstream, ttsVoices: 'af_bella,am_michael', voice: 'am_michael' }).voice).toBe('am_michael');
  });

  it('tts=openai without a base URL, or with one that is not http(s), fails naming ttsBaseUrl', () => {
    expect(configError(() => validateOptions({ tts: 'openai' }))).toMatchObject({
      setting: 'ttsBaseUrl',
      message: 'Setting "ttsBaseUrl" must be an http(s) URL; got "".',
    });
    expect(configError(() => validateOptions({ tts: 'openai', ttsBaseUrl: 'ftp://x/v1' })).setting).toBe('ttsBaseUrl');
    // The eSpeak engine does not read it.
    expect(validateOptions({ ttsBaseUrl: '' }).tts).toBe('espeak');
  });

  it('refuses an empty or malformed voice list, and a voice the list does not have', () => {
    expect(configError(() => validateOptions({ ...upstream, ttsVoices: ' , ' })).setting).toBe('ttsVoices');
    expect(configError(() => validateOptions({ ...upstream, ttsVoices: 'alloy,two words' })).setting).toBe('ttsVoices');
    expect(configError(() => validateOptions({ ...upstream, voice: 'en-us' }))).toMatchObject({
      setting: 'voice',
      message: expect.stringContaining('must be one of "ttsVoices"'),
    });
  });

  it('come from the environment and flags by their names, and an API key is never echoed', () => {
    const env = optionsFromEnv({ SAYWIRE_TTS: 'openai', SAYWIRE_TTS_BASE_URL: 'http://h/v1', SAYWIRE_TTS_API_KEY: 'sk-secret', SAYWIRE_TTS_RETRIES: '0' });
    expect(resolveOptions({ env })).toMatchObject({ tts: 'openai', ttsBaseUrl: 'http://h/v1', ttsApiKey: 'sk-secret', ttsRetries: 0 });
    const argv = optionsFromArgv(['--tts', 'openai', '--tts-base-url', 'http://h/v1', '--tts-idle-timeout-ms', '500']).options;
    expect(resolveOptions({ argv })).toMatchObject({ tts: 'openai', ttsIdleTimeoutMs: 500 });
    expect(configError(() => validateOptions({ ttsApiKey: 42 })).message).not.toContain('42');
  });
});

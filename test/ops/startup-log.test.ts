/**
 * What the start-up log tells an operator: which agent, which LLM endpoint and model, which speech
 * engine; and a warning when a remote LLM endpoint has no API key. Real server, logs captured
 * through a pino destination.
 */
import { describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../src/config/options.js';
import { LogCapture } from '../support/log-capture.js';
import { startServer } from '../support/server.js';

async function startupLines(options: ServerOptions): Promise<LogCapture> {
  const logs = new LogCapture();
  const server = await startServer(options, { logger: logs.logger('info') });
  await server.close();
  return logs;
}

const NO_KEY = 'no API key for a non-loopback LLM endpoint: set openaiApiKey';

describe('start-up log', () => {
  it('names the agent, the LLM endpoint and model, and the speech engine', async () => {
    const logs = await startupLines({ agent: 'openai', openaiBaseUrl: 'http://127.0.0.1:9/v1', openaiModel: 'llama3.2' });
    const listening = await logs.waitFor((l) => l.msg === 'listening');
    expect(listening).toMatchObject({ agent: 'openai', llmUrl: 'http://127.0.0.1:9/v1', llmModel: 'llama3.2', speechEngine: 'espeak' });
    // A loopback endpoint (Ollama, llama.cpp) needs no key: no warning.
    expect(logs.lines.some((l) => l.msg === NO_KEY)).toBe(false);
  });

  it('names the scripted agent without LLM fields', async () => {
    const listening = await (await startupLines({})).waitFor((l) => l.msg === 'listening');
    expect(listening).toMatchObject({ agent: 'scripted', speechEngine: 'espeak' });
    expect(listening).not.toHaveProperty('llmUrl');
  });

  it('warns when a remote LLM endpoint has no API key', async () => {
    const logs = await startupLines({ agent: 'openai', openaiBaseUrl: 'https://llm.example.invalid/v1', openaiApiKey: '' });
    const warning = await logs.waitFor((l) => l.msg === NO_KEY);
    expect(warning).toMatchObject({ level: 40, llmUrl: 'https://llm.example.invalid/v1' });
  });

  it('does not warn when the remote endpoint has a key, and never logs the key', async () => {
    const logs = await startupLines({ agent: 'openai', openaiBaseUrl: 'https://llm.example.invalid/v1', openaiApiKey: 'sk-secret-value' });
    await logs.waitFor((l) => l.msg === 'listening');
    expect(logs.lines.some((l) => l.msg === NO_KEY)).toBe(false);
    expect(JSON.stringify(logs.lines)).not.toContain('sk-secret-value');
  });
});

/**
 * The upstreams the settings name, made once per server on the main thread: the agent that
 * writes replies (scripted, or an OpenAI-compatible LLM) and, when the speech engine is an
 * upstream one, its connection. Also the start-up warning for a remote upstream without a key,
 * since only these settings know where the upstreams are.
 */
import type { Logger } from 'pino';
import type { Agent } from '../agents/agent.js';
import { OpenAIAgent } from '../agents/openai-agent.js';
import { ScriptedAgent } from '../agents/scripted-agent.js';
import type { Clock } from '../clock.js';
import { type FilledServerOptions, isLoopback, ttsVoiceList } from '../config/options.js';
import type { SpeechEngine, UpstreamEngineKind } from '../speech/engine.js';

/** The agent the `agent` setting names, with its settings. */
export function createAgent(options: FilledServerOptions, clock: Clock): Agent {
  switch (options.agent) {
    case 'scripted':
      return new ScriptedAgent({
        tokensPerSecond: options.scriptedTokensPerSecond,
        firstTokenMs: options.scriptedFirstTokenMs,
        clock,
      });
    case 'openai':
      return new OpenAIAgent({
        baseUrl: options.openaiBaseUrl,
        apiKey: options.openaiApiKey,
        model: options.openaiModel,
        systemPrompt: options.systemPrompt,
        temperature: options.temperature,
        maxOutputTokens: options.maxOutputTokens,
        connectTimeoutMs: options.openaiConnectTimeoutMs,
        idleTimeoutMs: options.openaiIdleTimeoutMs,
        retries: options.openaiRetries,
        retryBaseMs: options.openaiRetryBaseMs,
        clock,
      });
  }
}

/** The upstream speech engine the `tts*` settings describe. */
export function connectUpstream(connect: UpstreamEngineKind['connect'], options: FilledServerOptions, clock: Clock): SpeechEngine {
  return connect({
    baseUrl: options.ttsBaseUrl,
    apiKey: options.ttsApiKey,
    model: options.ttsModel,
    voices: ttsVoiceList(options.ttsVoices),
    connectTimeoutMs: options.ttsConnectTimeoutMs,
    idleTimeoutMs: options.ttsIdleTimeoutMs,
    retries: options.ttsRetries,
    retryBaseMs: options.ttsRetryBaseMs,
    clock,
  });
}

/** A URL's host name, IPv6 brackets removed, as `isLoopback` takes it. */
function hostnameOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Warns of an LLM or speech endpoint that is not on this machine and has no API key set. */
export function warnOfKeylessRemotes(options: FilledServerOptions, logger: Logger): void {
  // Local servers (Ollama, llama.cpp, Kokoro-FastAPI) take no key; a remote one almost always wants one.
  if (options.agent === 'openai' && options.openaiApiKey === '' && !isLoopback(hostnameOf(options.openaiBaseUrl))) {
    logger.warn({ llmUrl: options.openaiBaseUrl }, 'no API key for a non-loopback LLM endpoint: set openaiApiKey');
  }
  if (options.tts === 'openai' && options.ttsApiKey === '' && !isLoopback(hostnameOf(options.ttsBaseUrl))) {
    logger.warn({ ttsUrl: options.ttsBaseUrl }, 'no API key for a non-loopback speech endpoint: set ttsApiKey');
  }
}

#!/usr/bin/env node
/**
 * The entry point: reads settings (defaults < config file < environment < flags), makes the one
 * root logger, starts the server. A bad setting stops the process with a message naming it.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.js';
import { helpText, optionsFromArgv, optionsFromEnv, resolveOptions } from './config/option-sources.js';
import type { FilledServerOptions } from './config/options.js';
import { createLogger } from './log.js';
import { createServer } from './server/server.js';

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError('config', `Cannot read config file ${path}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError('config', `Config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('config', `Config file ${path} must hold a JSON object of settings.`);
  }
  return parsed as Record<string, unknown>;
}

function loadOptions(): FilledServerOptions | undefined {
  const cli = optionsFromArgv(process.argv.slice(2));
  if (cli.help) {
    process.stdout.write(helpText());
    return undefined;
  }
  return resolveOptions({
    ...(cli.configFile === undefined ? {} : { file: readConfigFile(cli.configFile) }),
    env: optionsFromEnv(process.env),
    argv: cli.options,
  });
}

/** Reports a bad setting in one line and stops with status 2. */
function configurationError(err: ConfigError): never {
  process.stderr.write(`saywire: configuration error: ${err.message}\n`);
  process.exit(2);
}

/** Runs `fn`; a bad setting (also one found while building the server: a bad pronunciations file) exits 2. */
function configured<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ConfigError) configurationError(err);
    throw err;
  }
}

async function main(): Promise<void> {
  const options: FilledServerOptions | undefined = configured(loadOptions);
  if (options === undefined) return;
  const logger = createLogger({ level: options.logLevel, logText: options.logText });
  // An unhandled rejection is a bug: report it and stop rather than run on in an unknown state.
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason instanceof Error ? reason.stack : String(reason) }, 'unhandled rejection');
    process.exit(70);
  });
  const server = configured(() => createServer(options, { logger }));
  let stopping = false;
  const settings = options;
  const stop = (signal: string): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.shutdown(settings.shutdownGraceMs).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    await server.listen();
  } catch (err) {
    // A setting only the start can refute (a port in use, a voice the engine lacks): one line, as for the others.
    if (err instanceof ConfigError) configurationError(err);
    throw err;
  }
  process.stdout.write(`saywire listening on ${server.url} (WebSocket ${server.url.replace('http', 'ws')}/v1/realtime)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`saywire: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

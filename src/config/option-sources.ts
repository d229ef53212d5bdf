/**
 * Where settings come from: `SAYWIRE_*` environment variables, command-line flags and a JSON
 * config file, merged in that order of precedence over the defaults, each layer checked with its
 * source named in errors; and the `--help` text. The settings themselves, their ranges and their
 * validation are in `options.ts`.
 */
import { ConfigError } from '../errors.js';
import {
  type FilledServerOptions,
  NAMES,
  SETTINGS,
  type ServerOptions,
  type SettingName,
  type SettingSpec,
  checkLayer,
  describeRange,
  envName,
  flagName,
  validateOptions,
} from './options.js';

/** Parses one raw string (env var or CLI flag) into the setting's type; validation comes later. */
function parseRaw(name: SettingName, raw: string, source: string): unknown {
  const spec: SettingSpec = SETTINGS[name];
  switch (spec.kind) {
    case 'int':
    case 'number': {
      const value = raw.trim() === '' ? Number.NaN : Number(raw);
      // Checked here, while the raw text is at hand: later a NaN would print as "null".
      if (!Number.isFinite(value)) throw new ConfigError(name, `Setting "${name}" (${source}) must be ${describeRange(spec)}; got ${JSON.stringify(raw)}.`);
      return value;
    }
    case 'bool':
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      throw new ConfigError(name, `Setting "${name}" (${source}) must be true or false; got ${JSON.stringify(raw)}.`);
    default:
      return raw;
  }
}

/** Reads every `SAYWIRE_*` variable that names a setting. Unknown `SAYWIRE_*` names are rejected. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): ServerOptions {
  const byEnv = new Map(NAMES.map((name) => [envName(name), name]));
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(env)) {
    if (!key.startsWith('SAYWIRE_') || raw === undefined) continue;
    const name = byEnv.get(key);
    if (name === undefined) {
      throw new ConfigError(key, `Unknown environment variable ${key}. Known: ${[...byEnv.keys()].join(', ')}.`);
    }
    out[name] = parseRaw(name, raw, `env ${key}`);
  }
  return out as ServerOptions;
}

/** Result of reading the command line: settings, and the `--config` file path if given. */
export interface CliArgs {
  options: ServerOptions;
  configFile: string | undefined;
  help: boolean;
}

/** Reads `--flag value` and `--flag=value` pairs; `--config FILE` names a JSON config file. */
export function optionsFromArgv(argv: readonly string[]): CliArgs {
  const byFlag = new Map(NAMES.map((name) => [flagName(name), name]));
  const out: Record<string, unknown> = {};
  let configFile: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    const name = byFlag.get(flag);
    if (flag !== '--config' && name === undefined) {
      throw new ConfigError(flag, `Unknown command-line argument ${flag}. Run with --help for the list.`);
    }
    if (value === undefined) {
      const next = argv[i + 1];
      const isBoolFlag = name !== undefined && SETTINGS[name].kind === 'bool';
      if (isBoolFlag && (next === undefined || next.startsWith('--'))) {
        value = 'true';
      } else {
        if (next === undefined) throw new ConfigError(name ?? 'config', `Command-line flag ${flag} needs a value.`);
        value = next;
        i++;
      }
    }
    if (name === undefined) configFile = value;
    else out[name] = parseRaw(name, value, `flag ${flag}`);
  }
  return { options: out as ServerOptions, configFile, help };
}

/** Text for `--help`: every flag, its env var, range and default. */
export function helpText(): string {
  const lines = NAMES.map((name) => {
    const spec: SettingSpec = SETTINGS[name];
    return `  ${flagName(name).padEnd(30)} ${envName(name).padEnd(38)} ${spec.doc} (${describeRange(spec)}; default ${JSON.stringify(spec.default)})`;
  });
  return ['Usage: saywire [--config FILE] [--flag value ...]', '', ...lines, ''].join('\n');
}

/**
 * Merges the layers, lowest first: defaults, config file, environment, command line; then
 * validates the result. Each layer is validated with its source named in errors.
 */
export function resolveOptions(layers: { file?: Record<string, unknown>; env?: ServerOptions; argv?: ServerOptions }): FilledServerOptions {
  const file = checkLayer(layers.file ?? {}, 'config file');
  const env = checkLayer(layers.env ?? {}, 'environment');
  const argv = checkLayer(layers.argv ?? {}, 'command line');
  return validateOptions({ ...file, ...env, ...argv }, 'merged settings');
}

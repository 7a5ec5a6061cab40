// Package exports: the plugin, its options and configuration types, the control plane's type and
// its metadata-as-code handle, the error type and codes, the log redaction list.
export { default, default as rocket, buildServer, rocketServerOptions, embeddedEnv, REDACTED_LOG_PATHS, type RocketOptions } from './app.js';
export type { HostAuthenticate } from './plugins/app-scope.js';
export type { Caller } from './core/auth/tokens.js';
export { loadConfig, ConfigError } from './config/load.js';
export type { RocketConfig } from './config/schema.js';
export type { Platform } from './core/platform/platform.js';
export type { AppHandle, ApplyOptions, ApplyResult } from './core/schema-io/apply.js';
export { AppError, ERROR_CODES, type ErrorCode, type ErrorDetail } from './core/errors.js';

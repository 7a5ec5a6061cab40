// Package exports: the plugin, its options and configuration types, the error type.
export { default, default as rocket, buildServer, rocketServerOptions, type RocketOptions } from './app.js';
export { loadConfig, ConfigError } from './config/load.js';
export type { RocketConfig } from './config/schema.js';
export type { Platform } from './core/platform/platform.js';
export type { AppHandle, ApplyOptions, ApplyResult } from './core/schema-io/apply.js';
export { AppError, ERROR_CODES, type ErrorCode, type ErrorDetail } from './core/errors.js';

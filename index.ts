// Package exports: the plugin, its options and configuration types, the error type.
export { default, default as rocket, buildServer, rocketServerOptions, type RocketOptions } from './app.js';
export { loadConfig, ConfigError } from './config/load.js';
export type { RocketConfig } from './config/schema.js';
export { AppError, ERROR_CODES, type ErrorCode, type ErrorDetail } from './core/errors.js';

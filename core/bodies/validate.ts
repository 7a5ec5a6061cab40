// Request bodies of the fixed routes (auth, users, invites) described once, as TypeBox schemas:
// Fastify validates them as route schemas (this module's validator compiler), the handlers get
// their static types, and the OpenAPI document shows the same objects (`openApiBody`). The spec's
// answers stay exact: every property carries its refusal, the AppError it answers with, and when
// several properties fail, the first in the schema's property order wins, as the spec's condition
// tables read (auth.md §4, §6.3, §7). Two keywords JSON Schema lacks: `maxBytes` (UTF-8 length,
// the bcrypt limit) and `storable` (text PostgreSQL can store, core/text.ts).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import type { FastifySchemaCompiler, preValidationAsyncHookHandler } from 'fastify';
import { type AppError, errors, type TextProblem } from '../errors.js';
import { textProblem } from '../text.js';

/** How a property answers when it fails: from the failing keyword and the value it was given. */
export type Refusal = (failure: { keyword: string; value: unknown; error: ErrorObject }) => AppError;

const REFUSAL: unique symbol = Symbol('rocket.refusal');

/** The property schema, answering `refusal` when it fails (a symbol key: no validator or document sees it). */
export function refused<T extends TSchema>(schema: T, refusal: Refusal): T {
  return Object.assign(schema, { [REFUSAL]: refusal });
}

/** A body object: its properties in the order their checks are listed in the spec. Unknown keys are ignored. */
export function body<T extends TProperties>(properties: T): TObject<T> {
  return Type.Object(properties);
}

/** Absent, null, or only whitespace: "missing/empty" in the spec's tables. */
export function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, useDefaults: false });
ajv.addKeyword({ keyword: 'maxBytes', type: 'string', schemaType: 'number', validate: (max: number, data: string) => Buffer.byteLength(data, 'utf8') <= max });
ajv.addKeyword({
  keyword: 'storable', type: 'string', schemaType: 'boolean', errors: true,
  validate: function storable(_on: boolean, data: string) {
    const problem = textProblem(data);
    if (problem === undefined) return true;
    (storable as { errors?: Partial<ErrorObject>[] }).errors = [{ keyword: 'storable', params: { problem } }];
    return false;
  },
});

/** The storable-text problem an Ajv `storable` error reports. */
export function storableProblem(error: ErrorObject): TextProblem {
  return (error.params as { problem: TextProblem }).problem;
}

const compiled = new WeakMap<TSchema, ValidateFunction>();

/** The first failure of `value` against the body schema, as the spec's AppError, or undefined. */
export function bodyProblem(schema: TObject, value: unknown): AppError | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return errors.invalidJson();
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  if (validate(value)) return undefined;
  const order = Object.keys(schema.properties);
  let first: { index: number; key: string; error: ErrorObject } | undefined;
  for (const error of validate.errors ?? []) {
    const key = error.keyword === 'required'
      ? (error.params as { missingProperty: string }).missingProperty
      : (error.instancePath.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
    const index = order.indexOf(key);
    if (index >= 0 && (!first || index < first.index)) first = { index, key, error };
  }
  if (!first) return errors.invalidJson();
  const property = schema.properties[first.key] as TSchema & { [REFUSAL]?: Refusal };
  const refusal = property[REFUSAL];
  if (!refusal) throw new Error(`body property ${first.key} has no refusal`);
  return refusal({ keyword: first.error.keyword, value: (value as Record<string, unknown>)[first.key], error: first.error });
}

/** The body, checked (for callers other than a route, such as an import): throws the spec's AppError. */
export function checkedBody<T extends TObject>(schema: T, value: unknown): Static<T> {
  const problem = bodyProblem(schema, value);
  if (problem) throw problem;
  return value as Static<T>;
}

/**
 * Fastify's validator compiler for Rocket's route schemas: bodies answer with bodyProblem's
 * AppError (the error handler sends it as is). Rocket declares schemas only for bodies.
 */
export const bodyValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  if (httpPart !== 'body') throw new Error(`Rocket route schemas describe bodies only, not ${httpPart}`);
  return (value: unknown) => {
    const error = bodyProblem(schema as TObject, value);
    return error ? { error } : { value };
  };
};

type Hook = preValidationAsyncHookHandler;

/** A request without a body is validated as `{}`, the body parser's value for an empty one (Fastify would pass null). */
const emptyBodyAsObject: Hook = async (request) => {
  if (request.body === undefined) request.body = {};
};

/** Route options with a body schema, over `options` (their preValidation hooks run after the body default). */
export function withBody<T extends TObject, O extends object>(schema: T, options: O = {} as O) {
  const { preValidation } = options as { preValidation?: Hook | Hook[] };
  const hooks = preValidation === undefined ? [] : Array.isArray(preValidation) ? preValidation : [preValidation];
  return { ...options, schema: { body: schema }, preValidation: [emptyBodyAsObject, ...hooks] };
}

/**
 * The schema as the OpenAPI document shows it: `maxBytes` becomes `maxLength` (a string of at most
 * n bytes has at most n characters) with a description, `storable` goes.
 */
export function openApiBody(schema: TSchema): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema, (key, value) => {
    if (key === 'storable') return undefined;
    if (value && typeof value === 'object' && typeof value.maxBytes === 'number') {
      const { maxBytes, ...rest } = value as { maxBytes: number };
      return { ...rest, maxLength: maxBytes, description: `At most ${maxBytes} bytes (UTF-8)` };
    }
    return value;
  })) as Record<string, unknown>;
}

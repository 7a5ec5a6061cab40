// The AI schema generator in the OpenAPI document (schema-io.md §4), tagged `_admin`: whether it is
// configured, and a generated SchemaDocument proposal (never imported by this call).
import { MAX_PROMPT_CHARS } from '../ai/generator.js';
import { ERROR_RESPONSE_NAME, ref } from './schemas.js';

type Schema = Record<string, unknown>;

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const data = (schema: Schema): Schema => ({ type: 'object', required: ['data'], properties: { data: schema } });
const errorRefs = (...statuses: string[]): Schema =>
  Object.fromEntries(statuses.map((s) => [s, ref('responses', ERROR_RESPONSE_NAME.get(s)!)]));

export function aiPaths(): Record<string, Schema> {
  const tags = ['_admin'];
  return {
    '/_admin/ai/status': {
      get: {
        tags, operationId: 'aiStatus', summary: 'Whether the AI schema generator is configured, and its model (admin)',
        responses: {
          200: {
            description: 'model is "" when not configured',
            content: json(data({
              type: 'object', required: ['configured', 'model'],
              properties: { configured: { type: 'boolean' }, model: { type: 'string' } },
            })),
          },
          ...errorRefs('401', '403'),
        },
      },
    },
    '/_admin/ai/generate': {
      post: {
        tags, operationId: 'aiGenerateSchema',
        summary: 'Generate a schema document from a description (admin); nothing is imported — post it to /_admin/import to apply it',
        requestBody: {
          required: true,
          content: json({
            type: 'object', required: ['prompt'],
            properties: { prompt: { type: 'string', minLength: 1, maxLength: MAX_PROMPT_CHARS, description: 'A description of the application.' } },
          }),
        },
        responses: {
          200: {
            description: 'The proposal',
            content: json(data({
              type: 'object', required: ['schema'],
              properties: {
                schema: {
                  type: 'object', required: ['version'],
                  description: 'A SchemaDocument (schema-io.md §1.1) as the model wrote it, possibly with sample_data; not validated. version is 1 when the model omitted it.',
                  properties: { version: { type: 'integer' } },
                },
              },
            })),
          },
          ...errorRefs('400', '401', '403', '501', '502'),
        },
      },
    },
  };
}

// The file endpoints in the OpenAPI document (webhooks-and-files.md §B2–§B5), tagged `_files`:
// upload and download for any authenticated caller, list and delete for admins.
import { ERROR_RESPONSE_NAME, ref } from './schemas.js';

type Schema = Record<string, unknown>;

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const data = (schema: Schema): Schema => ({ type: 'object', required: ['data'], properties: { data: schema } });
const errorRefs = (...statuses: string[]): Schema =>
  Object.fromEntries(statuses.map((s) => [s, ref('responses', ERROR_RESPONSE_NAME.get(s)!)]));

const id = { type: 'string', format: 'uuid' };
const filename = { type: 'string', description: 'The client\'s file name, sanitised: its last path component, no control characters, at most 255 bytes.' };
const mimeType = { type: 'string', description: 'The Content-Type declared for the part, or application/octet-stream; not sniffed.' };
const size = { type: 'integer', minimum: 0, description: 'Bytes.' };

/** `UploadedFile` (the upload's answer) and `FileListItem` (the admin list). */
export function fileSchemas(): Record<string, Schema> {
  return {
    UploadedFile: {
      type: 'object',
      required: ['id', 'filename', 'size', 'mime_type', 'url'],
      properties: {
        id, filename, size, mime_type: mimeType,
        url: { type: 'string', description: 'Where the file is served: /api/<app>/_files/<id>.' },
      },
    },
    FileListItem: {
      type: 'object',
      required: ['id', 'filename', 'mime_type', 'size', 'uploaded_by', 'created_at'],
      properties: {
        id, filename, mime_type: mimeType, size,
        uploaded_by: { type: ['string', 'null'], format: 'uuid', description: 'The uploading user (app or platform).' },
        created_at: { type: 'string', format: 'date-time' },
      },
    },
  };
}

/** The headers a served file carries (§B3). */
function servedHeaders(): Schema {
  const header = (description: string): Schema => ({ description, schema: { type: 'string' } });
  return {
    'Content-Type': header('The stored mime_type.'),
    'Content-Length': header('The stored size.'),
    'Content-Disposition': header('inline; filename="<name>" (non-ASCII names: an ASCII fallback and filename*=UTF-8\'\'<encoded>).'),
    'X-Content-Type-Options': header('nosniff'),
    'Content-Security-Policy': header('sandbox'),
    'Cache-Control': header('private, no-cache'),
  };
}

export function filePaths(): Record<string, Schema> {
  const tags = ['_files'];
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The file id (a UUID; anything else is not found).' };
  return {
    '/_files/upload': {
      post: {
        tags, operationId: 'uploadFile',
        summary: 'Upload a file (any authenticated caller); streamed to storage, at most storage.max_file_size bytes',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object', required: ['file'],
                properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The file; other parts are ignored, the first part named file wins.' } },
              },
            },
          },
        },
        responses: {
          201: { description: 'The stored file', content: json(data(ref('schemas', 'UploadedFile'))) },
          ...errorRefs('400', '401', '413', '500'),
        },
      },
    },
    '/_files': {
      get: {
        tags, operationId: 'listFiles', summary: 'List files (admin), newest first',
        responses: { 200: { description: 'Every file of the app', content: json(data({ type: 'array', items: ref('schemas', 'FileListItem') })) }, ...errorRefs('401', '403') },
      },
    },
    '/_files/{id}': {
      parameters: [idParam],
      get: {
        tags, operationId: 'getFile', summary: 'Download a file (any authenticated caller); the full body, no ranges',
        responses: {
          200: { description: 'The file\'s bytes', headers: servedHeaders(), content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          ...errorRefs('401', '404'),
        },
      },
      head: {
        tags, operationId: 'headFile', summary: 'The headers of a download, without the body',
        responses: { 200: { description: 'The file exists', headers: servedHeaders() }, ...errorRefs('401', '404') },
      },
      delete: {
        tags, operationId: 'deleteFile', summary: 'Delete a file and its blob (admin); records referencing it keep their stored metadata',
        responses: {
          200: { description: 'Deleted', content: json(data({ type: 'object', required: ['deleted'], properties: { deleted: { const: true } } })) },
          ...errorRefs('401', '403', '404'),
        },
      },
    },
  };
}

// The workflow runtime API in the OpenAPI document (logic.md §4.7–§4.8): instances, pending
// approvals, approve / reject / delete for any authenticated caller, and the admin's filtered list.
import { ERROR_RESPONSE_NAME, ref } from './schemas.js';

type Schema = Record<string, unknown>;

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const data = (schema: Schema): Schema => json({ type: 'object', required: ['data'], properties: { data: schema } });
const errorRefs = (...statuses: string[]): Schema =>
  Object.fromEntries(statuses.map((s) => [s, ref('responses', ERROR_RESPONSE_NAME.get(s)!)]));
const query = (name: string, schema: Schema, description: string): Schema => ({ name, in: 'query', required: false, schema, description });
const instance = ref('schemas', 'WorkflowInstance');

const HISTORY_STATUSES = ['completed', 'on_true', 'on_false', 'approved', 'rejected', 'timed_out', 'failed'];

/** `WorkflowInstance` (§4.7) and `WorkflowInstancePage`. */
export function workflowInstanceSchemas(): Record<string, Schema> {
  const stamp = { type: 'string', format: 'date-time' };
  const properties: Schema = {
    id: { type: 'string', format: 'uuid' },
    workflow_id: { type: 'string', format: 'uuid' },
    workflow_name: { type: 'string', description: 'The name when the instance started.' },
    status: { type: 'string', enum: ['running', 'completed', 'failed'] },
    current_step: { type: 'string', description: '"" when the instance has finished.' },
    current_step_deadline: { type: ['string', 'null'], format: 'date-time', description: 'When the current approval step times out.' },
    context: { type: 'object', description: 'The context mapping, resolved when the instance started.' },
    history: {
      type: 'array',
      items: {
        type: 'object', required: ['step', 'status', 'at'],
        properties: {
          step: { type: 'string' }, status: { type: 'string', enum: HISTORY_STATUSES }, at: stamp,
          by: { type: 'string', description: 'Who approved or rejected.' }, error: { type: 'string', description: 'Why the step failed.' },
        },
      },
    },
    created_at: stamp,
    updated_at: stamp,
  };
  return {
    WorkflowInstance: { type: 'object', required: Object.keys(properties), properties },
    WorkflowInstancePage: {
      type: 'object', required: ['data', 'meta'],
      properties: { data: { type: 'array', items: instance }, meta: ref('schemas', 'ListMeta') },
    },
  };
}

export function workflowPaths(): Record<string, Schema> {
  const tags = ['_workflows'];
  const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }];
  const resolve = (decision: 'approve' | 'reject') => ({
    parameters: id,
    post: {
      tags, operationId: `${decision}WorkflowInstance`,
      summary: `${decision === 'approve' ? 'Approve' : 'Reject'} the current approval step, then advance (assignees and admins)`,
      parameters: [{ name: 'X-User-ID', in: 'header', required: false, schema: { type: 'string' }, description: 'Admins only: the actor recorded as `by`.' }],
      responses: { 200: { description: 'The instance after advancing', content: data(instance) }, ...errorRefs('401', '403', '404', '422') },
    },
  });
  return {
    '/_workflows': {
      get: {
        tags, operationId: 'listWorkflowInstances', summary: 'Query workflow instances (admin), newest first',
        parameters: [
          query('workflow', { type: 'string' }, 'A workflow id or name.'),
          query('status', { type: 'string', enum: ['running', 'completed', 'failed'] }, 'Exact match.'),
          query('record_id', { type: 'string' }, 'The id of the record whose change started the instance.'),
          ref('parameters', 'page'), ref('parameters', 'per_page'),
        ],
        responses: { 200: { description: 'A page of instances', content: json(ref('schemas', 'WorkflowInstancePage')) }, ...errorRefs('401', '403') },
      },
    },
    '/_workflows/pending': {
      get: {
        tags, operationId: 'listPendingWorkflowInstances',
        summary: 'Running instances waiting at a step; non-admins see only the approvals they may resolve',
        responses: { 200: { description: 'Newest first', content: data({ type: 'array', items: instance }) }, ...errorRefs('401') },
      },
    },
    '/_workflows/{id}': {
      parameters: id,
      get: {
        tags, operationId: 'getWorkflowInstance', summary: 'Read one workflow instance',
        responses: { 200: { description: 'The instance', content: data(instance) }, ...errorRefs('401', '404') },
      },
      delete: {
        tags, operationId: 'deleteWorkflowInstance', summary: 'Delete one workflow instance',
        responses: {
          200: { description: 'Deleted', content: data({ type: 'object', required: ['deleted'], properties: { deleted: { const: true } } }) },
          ...errorRefs('401', '404'),
        },
      },
    },
    '/_workflows/{id}/approve': resolve('approve'),
    '/_workflows/{id}/reject': resolve('reject'),
  };
}

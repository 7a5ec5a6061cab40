// The fixed routes' body schemas (core/bodies/): the spec's answer for each failing property, the
// first failing property in the schema's order winning (the order of the spec's tables, not the
// order Ajv reports in), the two keywords JSON Schema lacks, and the document's copy of a schema.
import t from 'tap';
import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { bodyProblem, bodyValidatorCompiler, checkedBody, openApiBody, withBody } from '../../core/bodies/validate.js';
import { AcceptInviteBody, InviteBulkBody, LoginBody, RefreshBody, UserCreateBody, UserUpdateBody } from '../../core/bodies/access.js';
import { AppError } from '../../core/errors.js';

const answer = (schema: Parameters<typeof bodyProblem>[0], value: unknown) => {
  const problem = bodyProblem(schema, value);
  return problem && `${problem.statusCode} ${problem.code} ${problem.message}`;
};

t.test('the first failing property in the spec\'s order answers', async (t) => {
  // Ajv lists the missing password (`required`) before the email's pattern; the spec's table checks email first.
  t.equal(answer(UserCreateBody, { email: 'not-an-email' }), '422 VALIDATION_FAILED email must be a valid email address');
  t.equal(answer(UserCreateBody, { email: 'a@b', roles: 5 }), '422 VALIDATION_FAILED password is required');
  t.equal(answer(UserCreateBody, { email: 'a@b', password: 'x', roles: 5, active: 'yes' }), '422 VALIDATION_FAILED roles must be an array of strings');
  t.equal(answer(UserCreateBody, { email: 'a@b', password: 'x', active: 'yes' }), '422 VALIDATION_FAILED active must be a boolean');
  t.equal(answer(UserCreateBody, { email: ' A@B ', password: 'x', roles: [], active: false }), undefined, 'a valid body');
  t.equal(answer(InviteBulkBody, { emails: ['a@b', ' '], roles: 'x' }), '422 VALIDATION_FAILED emails must not contain blank entries');
  t.equal(answer(AcceptInviteBody, { password: 'x'.repeat(80) }), '422 VALIDATION_FAILED token is required');
});

t.test('missing, empty, blank and wrong types answer as the spec\'s rows say', async (t) => {
  for (const body of [{}, { email: '' }, { email: 'a@b', password: '' }, { email: 5, password: 'x' }, { email: 'a@b', password: null }]) {
    t.equal(answer(LoginBody, body), '401 UNAUTHORIZED Email and password are required', JSON.stringify(body));
  }
  t.equal(answer(RefreshBody, { refresh_token: 7 }), '401 UNAUTHORIZED Refresh token is required');
  t.equal(answer(UserCreateBody, { email: '   ' }), '422 VALIDATION_FAILED email is required', 'blank is missing');
  t.equal(answer(UserCreateBody, { email: null }), '422 VALIDATION_FAILED email is required', 'null is missing');
  t.equal(answer(UserCreateBody, { email: 42 }), '422 VALIDATION_FAILED email must be a valid email address', 'a number is invalid');
  t.equal(answer(UserCreateBody, { email: 'a@b@c', password: 'x' }), '422 VALIDATION_FAILED email must be a valid email address');
  t.equal(answer(UserCreateBody, { email: 'a@b', password: 5 }), '422 VALIDATION_FAILED password is required', 'a non-string password counts as missing');
  t.equal(answer(InviteBulkBody, { emails: [] }), '422 VALIDATION_FAILED emails is required and must be a non-empty array');
  t.equal(answer(InviteBulkBody, { emails: 'a@b' }), '422 VALIDATION_FAILED emails is required and must be a non-empty array');
  t.equal(answer(InviteBulkBody, { emails: ['a@b', null] }), '422 VALIDATION_FAILED emails must not contain blank entries');
  for (const body of [[], 'x', 3, null]) t.equal(answer(LoginBody, body), '400 INVALID_PAYLOAD Invalid JSON body', JSON.stringify(body));
});

t.test('maxBytes counts UTF-8 bytes, storable refuses what PostgreSQL cannot store', async (t) => {
  t.equal(answer(UserCreateBody, { email: 'a@b', password: 'é'.repeat(36) }), undefined, '72 bytes');
  t.equal(answer(UserCreateBody, { email: 'a@b', password: 'é'.repeat(37) }), '422 VALIDATION_FAILED password must be at most 72 bytes', '74 bytes in 37 characters');
  t.equal(answer(UserUpdateBody, { email: 'a@b', password: 'é'.repeat(37) }), '422 VALIDATION_FAILED password must be at most 72 bytes');
  for (const password of [undefined, null, '']) t.equal(answer(UserUpdateBody, { email: 'a@b', password }), undefined, `update password ${JSON.stringify(password)} is unchanged`);
  t.match(answer(UserCreateBody, { email: 'a@b', password: 'x', roles: ['ok', 'a\u0000b'] }), /^422 VALIDATION_FAILED roles /);
  t.equal(answer(UserCreateBody, { email: 'a\u0000@b', password: 'x' }), '422 VALIDATION_FAILED email must be a valid email address');
  t.equal(answer(UserCreateBody, { email: '\ud800@b', password: 'x' }), '422 VALIDATION_FAILED email must be a valid email address');
});

t.test('checkedBody throws the answer, or returns the body', async (t) => {
  t.throws(() => checkedBody(LoginBody, {}), AppError);
  const body = { email: 'a@b', password: 'p', extra: 1 };
  t.equal(checkedBody(LoginBody, body), body, 'unknown keys are ignored, as before');
});

t.test('the document shows the schema the server validates with', async (t) => {
  const doc = openApiBody(UserCreateBody);
  t.same(doc.required, ['email', 'password']);
  const props = doc.properties as Record<string, Record<string, unknown>>;
  t.same(props.password, { type: 'string', minLength: 1, maxLength: 72, description: 'At most 72 bytes (UTF-8)' });
  t.notOk('storable' in (props.roles!.items as object), 'Rocket\'s own keywords are not in the document');
  t.notOk(JSON.stringify(doc).includes('maxBytes'));
});

t.test('as route schemas: Fastify answers with the spec\'s error, and no body is {}', async (t) => {
  const app = Fastify();
  t.teardown(() => app.close());
  app.setValidatorCompiler(bodyValidatorCompiler);
  app.setErrorHandler((err, _req, reply) => {
    const e = err as AppError;
    return reply.code(e.statusCode).send({ code: e.code, message: e.message, app: err instanceof AppError });
  });
  app.post('/login', withBody(LoginBody), async (req) => ({ ok: req.body }));
  const noBody = await app.inject({ method: 'POST', url: '/login' });
  t.same([noBody.statusCode, noBody.json()], [401, { code: 'UNAUTHORIZED', message: 'Email and password are required', app: true }]);
  const nullBody = await app.inject({ method: 'POST', url: '/login', payload: 'null', headers: { 'content-type': 'application/json' } });
  t.equal(nullBody.statusCode, 400, 'a JSON null is not an object');
  const good = await app.inject({ method: 'POST', url: '/login', payload: { email: 'a@b', password: 'p' } });
  t.same([good.statusCode, good.json()], [200, { ok: { email: 'a@b', password: 'p' } }]);

  const other = Fastify();
  other.setValidatorCompiler(bodyValidatorCompiler);
  other.get('/q', { schema: { querystring: Type.Object({ a: Type.String() }) } }, async () => ({}));
  await t.rejects(async () => { await other.ready(); }, /describe bodies only/, 'a query schema is refused at start, not ignored');
});

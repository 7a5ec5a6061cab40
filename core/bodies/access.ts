// The bodies of the auth, user and invite routes (auth.md §4, §5, §6, §7), each property with the
// answer its row of the spec's table gives. What a schema cannot decide stays in the services:
// whether a token names anything, the current password before the new one's length (§5), email
// uniqueness.
import { Type, type Static } from '@sinclair/typebox';
import { errors } from '../errors.js';
import { MAX_PASSWORD_BYTES } from '../auth/passwords.js';
import { blank, body, refused, storableProblem, type Refusal } from './validate.js';

const nonEmpty = () => Type.String({ minLength: 1 });

/** `local@domain` once trimmed, in storable text (auth.md §6.3 Decision); blank is missing. */
const email = () => refused(
  Type.String({ pattern: '^\\s*[^\\s@]+@[^\\s@]+\\s*$', storable: true }),
  ({ value }) => (blank(value) ? errors.fieldRequired('email') : errors.invalidEmail()),
);

/** A new password: non-empty (non-strings count as missing), at most 72 bytes (bcrypt's limit). */
const passwordRefusal = (field: string): Refusal => ({ keyword }) =>
  (keyword === 'maxBytes' ? errors.passwordTooLong(field, MAX_PASSWORD_BYTES) : errors.fieldRequired(field));
const newPassword = () => refused(Type.String({ minLength: 1, maxBytes: MAX_PASSWORD_BYTES }), passwordRefusal('password'));

/** Optional roles: an array of storable strings. */
const roles = () => refused(
  Type.Optional(Type.Array(Type.String({ storable: true }))),
  ({ keyword, error }) => (keyword === 'storable' ? errors.invalidText('roles', storableProblem(error)) : errors.rolesNotStrings()),
);

export const LoginBody = body({
  email: refused(nonEmpty(), errors.credentialsRequired),
  password: refused(nonEmpty(), errors.credentialsRequired),
});

/** Refresh and logout (an unknown or malformed token is the services' answer). */
export const RefreshBody = body({
  refresh_token: refused(nonEmpty(), errors.refreshTokenRequired),
});

/** Platform password change: the new password's length is checked after the current password (§5). */
export const ChangePasswordBody = body({
  current_password: refused(nonEmpty(), errors.passwordsRequired),
  new_password: refused(nonEmpty(), errors.passwordsRequired),
});

export const AcceptInviteBody = body({
  token: refused(Type.String({ pattern: '\\S' }), () => errors.fieldRequired('token')),
  password: newPassword(),
});

export const UserCreateBody = body({
  email: email(),
  password: newPassword(),
  roles: roles(),
  active: refused(Type.Optional(Type.Boolean()), errors.activeNotBoolean),
});

/** PUT: an omitted, null or empty password is unchanged (§6.4). */
export const UserUpdateBody = body({
  email: email(),
  password: refused(Type.Optional(Type.Union([Type.String({ maxBytes: MAX_PASSWORD_BYTES }), Type.Null()])), passwordRefusal('password')),
  roles: roles(),
  active: refused(Type.Optional(Type.Boolean()), errors.activeNotBoolean),
});

export const InviteCreateBody = body({
  email: email(),
  roles: roles(),
});

/** Bulk invites: the list's shape is checked here; each email's own validity is a skip reason. */
export const InviteBulkBody = body({
  emails: refused(
    Type.Array(Type.String({ pattern: '\\S' }), { minItems: 1 }),
    ({ error }) => (error.instancePath.split('/').length > 2 ? errors.inviteEmailsBlank() : errors.inviteEmailsRequired()),
  ),
  roles: roles(),
});

export type LoginInput = Static<typeof LoginBody>;
export type RefreshInput = Static<typeof RefreshBody>;
export type ChangePasswordInput = Static<typeof ChangePasswordBody>;
export type AcceptInviteInput = Static<typeof AcceptInviteBody>;
export type UserCreateInput = Static<typeof UserCreateBody>;
export type UserUpdateInput = Static<typeof UserUpdateBody>;
export type InviteCreateInput = Static<typeof InviteCreateBody>;
export type InviteBulkInput = Static<typeof InviteBulkBody>;

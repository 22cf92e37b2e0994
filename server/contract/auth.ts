import { Type, type Static } from '@sinclair/typebox';
import { AccountRoleName, AssignableRoleName, FunctionName } from './common';
import { leadPasswordMinLength, passwordMinLength, passwordMinLengthFor, usernamePattern } from './limits';

export { leadPasswordMinLength, passwordMinLength, passwordMinLengthFor, usernamePattern };

export const UserView = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: AccountRoleName,
  /** What the person does in the team: their worklist and the personal data they see follow it. */
  function: Type.Optional(FunctionName),
  site: Type.String(),
});
export type UserViewT = Static<typeof UserView>;

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 80 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const LoginResponse = Type.Object({ token: Type.String(), user: UserView, expiresAt: Type.String() });
export type LoginResponseT = Static<typeof LoginResponse>;

/** A new password's shape; whether it is good enough is the policy's to say (400, at the field). */
export const NewPassword = Type.String({
  minLength: 1,
  maxLength: 200,
  description: `At least ${passwordMinLength} characters, ${leadPasswordMinLength} for a manager or admin; not a common password`,
});

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: usernamePattern }),
    password: NewPassword,
    role: AssignableRoleName,
    function: Type.Optional(FunctionName),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    site: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const UserParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** What the admin changes of an account; each change is recorded. `active: false` ends its sessions. */
export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(AssignableRoleName),
    function: Type.Optional(Type.Union([FunctionName, Type.Null()])),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBodyT = Static<typeof UpdateUserBody>;

/** An account as the admin manages it: whether it may log in, and when it last did. */
export const AccountView = Type.Composite([
  UserView,
  Type.Object({
    active: Type.Boolean(),
    lastLoginAt: Type.Optional(Type.String()),
    createdAt: Type.String(),
  }),
]);
export type AccountViewT = Static<typeof AccountView>;

/** A password reset: the new one, shown once; it is stored only as a hash. */
export const ResetView = Type.Object({ account: AccountView, password: Type.String() });

export const ChangeOwnPasswordBody = Type.Object(
  { current: Type.String({ minLength: 1, maxLength: 200 }), password: NewPassword },
  { additionalProperties: false },
);

export const accountChangeKinds = [
  'created',
  'role',
  'function',
  'name',
  'password-reset',
  'password-changed',
  'deactivated',
  'reactivated',
] as const;

/** One change to an account: who made it, when, and what changed, said in words. */
export const AccountChangeView = Type.Object({
  at: Type.String(),
  account: Type.String({ description: 'The username of the account changed' }),
  accountName: Type.String(),
  by: Type.String({ description: 'The username of whoever changed it' }),
  byName: Type.String(),
  what: Type.Union(accountChangeKinds.map((k) => Type.Literal(k))),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  text: Type.String({ description: 'The change in words, in the language asked for' }),
});
export type AccountChangeViewT = Static<typeof AccountChangeView>;

export const AccountChangesQuery = Type.Object(
  {
    user: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

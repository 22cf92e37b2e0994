import { Type, type Static } from '@sinclair/typebox';
import { FunctionName, RoleName } from './common';

export const UserView = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleName,
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

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{1,39}$' }),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    role: RoleName,
    function: Type.Optional(FunctionName),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    site: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const UserParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** An account's function can change (and accounts made before functions existed need one). */
export const UpdateUserBody = Type.Object(
  { function: Type.Union([FunctionName, Type.Null()]) },
  { additionalProperties: false },
);

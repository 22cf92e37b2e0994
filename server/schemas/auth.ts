import { Type, type Static } from '@sinclair/typebox';
import { RoleName } from './common';

export const UserView = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleName,
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
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    site: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

import { Type, type Static } from '@sinclair/typebox';
import { NewPassword } from './auth';

export const SiteView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  host: Type.Boolean(),
  createdAt: Type.String(),
});
export type SiteViewT = Static<typeof SiteView>;

export const CreateSiteBody = Type.Object(
  {
    id: Type.String({
      pattern: '^[a-z0-9][a-z0-9-]{1,59}$',
      description: 'Short and stable, e.g. "horst"; appears in exported packages',
    }),
    name: Type.String({ minLength: 2, maxLength: 120 }),
    admin: Type.Object(
      {
        username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{1,39}$' }),
        password: NewPassword,
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

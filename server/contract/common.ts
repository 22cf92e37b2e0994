import { Type, type Static } from '@sinclair/typebox';
import { ErrorCodeSchema } from './errors';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: ErrorCodeSchema,
      message: Type.String(),
      details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    }),
  },
  { $id: 'ErrorResponse' },
);
export type ErrorResponseBody = Static<typeof ErrorResponse>;

export const errorResponses = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));

export const RoleName = Type.Union([Type.Literal('staff'), Type.Literal('manager'), Type.Literal('admin')]);
/** Every account's role: staff's, or one that sees only what a route names it for (a student, the stuurgroep). */
export const AccountRoleName = Type.Union([RoleName, Type.Literal('student'), Type.Literal('stuurgroep')]);
/** The roles an admin gives an account: staff's, or the stuurgroep's (a student comes by invitation). */
export const AssignableRoleName = Type.Union([RoleName, Type.Literal('stuurgroep')]);
export { StaffFunctionSchema as FunctionName } from '../../engine/definition';

/** A calendar day, `yyyy-mm-dd`. */
export const Day = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

import type { Role, StaffFunction } from '../../engine';
import type { Caller } from '../auth/caller';
import type { IUser } from '../db/entities';
import type { UserViewT } from '../contract';

export function presentUser(u: IUser): UserViewT {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    ...(u.function ? { function: u.function as StaffFunction } : {}),
    site: u.site.id,
  };
}

/** The caller as `/api/auth/me` shows them: their account, without the session. */
export function presentCaller({ sessionId: _session, ...user }: Caller): UserViewT {
  return user;
}

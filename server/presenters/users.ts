import type { Role } from '../../engine';
import type { IUser } from '../db/entities';
import type { UserViewT } from '../schemas';

export function presentUser(u: IUser): UserViewT {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role, site: u.site.id };
}

import { roles, type Role } from './definition';

const rank: Record<Role, number> = Object.fromEntries(roles.map((r, i) => [r, i])) as Record<Role, number>;

/** A transition's `roles` names who may take it; a higher role may do what a lower one may. */
export function roleAllows(allowed: readonly Role[] | undefined, role: Role): boolean {
  if (!allowed || allowed.length === 0) return true;
  return allowed.includes(role) || rank[role] >= Math.min(...allowed.map((r) => rank[r]));
}

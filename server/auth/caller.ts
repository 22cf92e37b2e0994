import type { Role, Viewer } from '../../engine';
import type { UserViewT } from '../contract';

/** Who changes something: their role decides what they may do, their function what they may see. */
export interface Actor extends Viewer {
  username: string;
  site: string;
}

/**
 * Who is asking, resolved from the Bearer token or the session cookie: the account as
 * `/api/auth/me` shows it, and the session it came with.
 */
export type Caller = UserViewT & { sessionId: number };

/** A caller on a staff route: a student or a member of the stuurgroep never gets this far. */
export type StaffCaller = Caller & { role: Role };

import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { errorsOnly, validateDefinition, type Definition } from '../../engine';
import { AccountChange, Site, User, WorkflowVersion } from '../db/entities';
import { checkNewPassword, hashPassword, randomPassword } from '../auth/passwords';
import { timerActor } from './history';

export const firstSite = { id: 'venray', name: 'WijkLeerbedrijf Venray' };

/**
 * The first start on an empty database: site Venray, the shipped workflows as version 1, and
 * an admin. Returns the admin password when it was generated, so the caller can print it once.
 */
export async function bootstrap(
  em: EntityManager,
  workflows: Definition[],
  adminPassword: string | undefined,
): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await em.count(Site, {})) > 0) return { created: false };
  for (const def of workflows) {
    const problems = errorsOnly(validateDefinition(def));
    if (problems.length)
      throw new Error(
        `Shipped workflow ${def.key} is invalid: ${problems.map((p) => `${p.path}: ${p.message.en}`).join('; ')}`,
      );
  }
  // A chosen first password meets the policy like every other, before anything is written.
  if (adminPassword)
    checkNewPassword(adminPassword, { username: 'admin', role: 'admin', site: firstSite.id }, 'WLB_ADMIN_PASSWORD');
  const password = adminPassword || randomPassword();
  const passwordHash = await hashPassword(password);
  try {
    await em.transactional(async (tem) => {
      const site = tem.create(Site, { ...firstSite, host: true });
      for (const def of workflows) {
        tem.create(WorkflowVersion, {
          site,
          key: def.key,
          version: 1,
          subject: def.subject,
          definition: { ...def, version: 1 },
          publishedBy: 'system',
        });
      }
      const admin = tem.create(User, {
        site,
        username: 'admin',
        displayName: 'Beheerder',
        role: 'admin',
        passwordHash,
      });
      tem.create(AccountChange, { site, user: admin, at: new Date(), by: timerActor, what: 'created', to: 'admin' });
    });
  } catch (err) {
    // Another process sharing the database bootstrapped it at the same moment.
    if (err instanceof UniqueConstraintViolationException) return { created: false };
    throw err;
  }
  return { created: true, generatedPassword: adminPassword ? undefined : password };
}

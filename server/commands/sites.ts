import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { AccountChange, Site, User, type ISite } from '../db/entities';
import { appError } from '../errors';
import { checkNewPassword, hashPassword } from '../auth/passwords';

/** Only an admin of the host's own site (made on the first start) manages the other sites. */
export async function requireHostAdmin(em: EntityManager, site: string) {
  const own = await em.findOne(Site, { id: site });
  if (!own?.host) {
    throw appError(
      'FORBIDDEN',
      'Alleen een beheerder van de hostlocatie beheert locaties',
      'Only an admin of the host site manages sites',
    );
  }
}

export async function listSites(em: EntityManager): Promise<ISite[]> {
  return em.find(Site, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/**
 * A new WijkLeerbedrijf with its first admin, in one transaction. It starts without workflows:
 * its managers import the packages they want (see docs/sharing.md).
 */
export async function createSite(
  em: EntityManager,
  input: { id: string; name: string; admin: { username: string; password: string; displayName?: string } },
  by: { username: string },
  now: Date,
): Promise<{ site: ISite; admin: { username: string } }> {
  checkNewPassword(
    input.admin.password,
    { username: input.admin.username, role: 'admin', site: input.id },
    'body.admin.password',
  );
  const passwordHash = await hashPassword(input.admin.password);
  const taken = (path: string, nl: string, en: string) =>
    appError('CONFLICT', nl, en, [{ path, message: { nl: 'Bestaat al', en: 'Already exists' } }]);
  if (await em.count(Site, { id: input.id }))
    throw taken('id', `Locatie '${input.id}' bestaat al`, `Site '${input.id}' exists`);
  try {
    return await em.fork().transactional(async (tem) => {
      const site = tem.create(Site, { id: input.id, name: input.name, host: false });
      const admin = tem.create(User, {
        site,
        username: input.admin.username,
        displayName: input.admin.displayName ?? input.admin.username,
        role: 'admin',
        passwordHash,
      });
      tem.create(AccountChange, { site, user: admin, at: now, by: by.username, what: 'created', to: 'admin' });
      await tem.flush();
      return { site, admin: { username: input.admin.username } };
    });
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException)
      throw taken('id', `Locatie of gebruiker bestaat al`, 'Site or user exists');
    throw err;
  }
}

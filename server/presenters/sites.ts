import type { ISite } from '../db/entities';
import type { SiteViewT } from '../contract';

export const presentSite = (s: ISite): SiteViewT => ({
  id: s.id,
  name: s.name,
  host: s.host,
  createdAt: s.createdAt.toISOString(),
});

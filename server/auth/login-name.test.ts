import { describe, expect, it } from 'vitest';
import { loginName } from './login-name';

describe('loginName', () => {
  it('reads a name, or a name at a site, as login looks it up', () => {
    expect(loginName('  Coord-A ')).toEqual({ username: 'coord-a', site: null });
    expect(loginName('Anna@Horst')).toEqual({ username: 'anna', site: 'horst' });
    expect(loginName(' anna @ horst ')).toEqual({ username: 'anna', site: 'horst' });
    // No name before the '@': nothing to look up on a site.
    expect(loginName('@horst')).toEqual({ username: '@horst', site: null });
  });
});

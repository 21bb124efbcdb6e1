import { describe, expect, it } from 'vitest';
import { openBrowser } from './openBrowser';

describe('openBrowser', () => {
  it('does not fail where no browser opener exists', async () => {
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    try {
      // An empty PATH: xdg-open cannot be found, as on a server or in a container.
      expect(openBrowser('http://127.0.0.1:1/#token=x', 'linux', { PATH: '/nonexistent' })).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(errors).toEqual([]);
    } finally {
      process.off('uncaughtException', onError);
    }
  });
});

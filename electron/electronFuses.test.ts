import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Configuration, FuseOptionsV1 } from 'app-builder-lib';

// Packaging needs Electron's binary (no download here), so the test checks what packaging would
// read: electron-builder.yml loaded and validated by electron-builder's own loader and JSON schema
// (an unknown or misspelt key fails there), and the fuses it would hand to @electron/fuses.
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, options: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debug: { isEnabled: boolean; add(): void }): Promise<void>;
};
const { PlatformPackager } = require('app-builder-lib') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: FuseOptionsV1): Promise<Record<string, unknown>> } };
};

const config = getConfig(process.cwd(), 'electron-builder.yml', null);

describe('Electron fuses in electron-builder.yml', () => {
  it('is a configuration electron-builder accepts', async () => {
    await expect(validateConfiguration(await config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('turns off running as Node, NODE_OPTIONS and --inspect, and loads only the integrity-checked app.asar', async () => {
    const expected: Required<Omit<FuseOptionsV1, 'resetAdHocDarwinSignature'>> = {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    };
    expect((await config).electronFuses).toEqual(expected);
    // Every one of them reaches @electron/fuses (electron-builder drops a key it does not map).
    const { FuseV1Options, FuseVersion } = await import('@electron/fuses');
    expect(await PlatformPackager.prototype.generateFuseConfig((await config).electronFuses!)).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: undefined,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    });
  });

  it('packs the app into app.asar, which onlyLoadAppFromAsar and the integrity check need', async () => {
    const { asar, disableAsarIntegrity } = await config as Configuration & { disableAsarIntegrity?: boolean };
    expect(asar ?? true).not.toBe(false);
    expect(disableAsarIntegrity ?? false).toBe(false);
  });
});

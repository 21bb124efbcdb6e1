import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the studio keeps its workspace database: CROSSWALK_DATA_DIR when set (tests, portable
 * installs), else the platform's per-user application data folder. Electron passes its own
 * app.getPath('userData') instead.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CROSSWALK_DATA_DIR) return env.CROSSWALK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Crosswalk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Crosswalk');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'crosswalk');
}

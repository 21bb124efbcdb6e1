import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPORARY_NAME } from './writeFileAtomic';

/** No write of one file takes this long: an older temporary is stale even if its pid is alive again (reused). */
const STALE_TEMPORARY_AGE_MS = 60 * 60 * 1000;

/** Whether a process with this pid runs on this machine (EPERM: it does, under another user). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporaries writeFileAtomic left in `dir` when its process died mid-write: files
 * named like its temporaries whose owner pid no longer runs, or that are older than an hour.
 * A temporary of a live process (another run writing into the same folder) is kept; nothing
 * else in the folder is looked at. Best effort: a file that cannot be removed stays. Returns
 * how many were removed.
 */
export function removeStaleTemporaries(dir: string, now = Date.now()): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const match = TEMPORARY_NAME.exec(name);
    if (match === null) continue;
    const path = join(dir, name);
    try {
      const stat = lstatSync(path);
      if (!stat.isFile()) continue;
      if (isAlive(Number(match[1])) && now - stat.mtimeMs < STALE_TEMPORARY_AGE_MS) continue;
      rmSync(path, { force: true });
      removed++;
    } catch {
      // Gone already (its writer renamed it) or not ours to remove: either way, not our concern.
    }
  }
  return removed;
}

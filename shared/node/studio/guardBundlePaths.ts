import type { StudioApi } from '../../common/studio';
import type { BundlePathAllowList } from './BundlePathAllowList';

/**
 * The Studio API with opening and saving by path restricted to `allowList`: the dialogs' answers
 * are recorded on their way to the page, and `openBundle` / `saveBundle` are refused
 * (`CW_FILE_NOT_CHOSEN`) before any file is touched unless the path is on the list. Every other
 * method passes through unchanged.
 */
export function guardBundlePaths(api: StudioApi, allowList: BundlePathAllowList): StudioApi {
  return {
    ...api,
    chooseOpenPath: async (args) => {
      const chosen = await api.chooseOpenPath(args);
      if (chosen.path !== null) allowList.choseToOpen(chosen.path);
      return chosen;
    },
    chooseSavePath: async (args) => {
      const chosen = await api.chooseSavePath(args);
      if (chosen.path !== null) allowList.choseToSave(chosen.path);
      return chosen;
    },
    openBundle: async (args) => {
      allowList.checkOpen(args.path);
      const opened = await api.openBundle(args);
      allowList.used(args.path);
      return opened;
    },
    saveBundle: async (args) => {
      allowList.checkSave(args.path);
      const saved = await api.saveBundle(args);
      allowList.used(args.path);
      return saved;
    },
  };
}

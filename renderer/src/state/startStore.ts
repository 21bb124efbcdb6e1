import { create } from 'zustand';
import { launchExample } from '../../../shared/common/studio/studioHttp';
import { useDocumentStore } from './documentStore';
import { openExample } from './fileActions';
import { getStudio } from './studio';
import { errorText } from './errorText';

/** The dialogs that start a mapping. */
export type StartDialog = 'new' | 'ig';

interface StartState {
  /** The start page asked for from the toolbar (it is shown anyway while no document is open). */
  startShown: boolean;
  /** True until the studio has decided what it opens on (an example the launch address names, or the start page). */
  launching: boolean;
  dialog: StartDialog | undefined;
  showStart(shown: boolean): void;
  launched(): void;
  openDialog(dialog: StartDialog): void;
  closeDialog(): void;
}

/** View state of the start page and its dialogs; the document they open goes to the document store. */
export const useStartStore = create<StartState>((set) => ({
  startShown: false,
  launching: true,
  dialog: undefined,
  showStart: (startShown) => set({ startShown }),
  launched: () => set({ launching: false }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: undefined }),
}));

/**
 * What the studio opens on: the example the launch address names (`#example=adt-a01-to-fhir`), or
 * the start page. A host that does not answer is said at once (the start page would be empty).
 */
export async function launchStudio(): Promise<void> {
  const example = launchExample(window.location.hash);
  try {
    if (example !== undefined) await openExample(example);
    else await getStudio().getAppInfo();
  } catch (error) {
    useDocumentStore.getState().setLoadError(errorText(error));
  } finally {
    useStartStore.getState().launched();
  }
}

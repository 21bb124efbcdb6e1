import { getStudio } from './studio';
import { useDocumentStore } from './documentStore';
import { useViewStore } from './viewStore';
import { errorText } from './errorText';
import { coverageSamples } from '../coverage/coverageStore';
import type { AppInfo, BundleDocument, OpenedBundle } from '../../../shared/common/studio/StudioApi';

let appInfo: AppInfo | undefined;

export async function loadAppInfo(): Promise<AppInfo> {
  appInfo ??= await getStudio().getAppInfo();
  return appInfo;
}

const message = errorText;

/** True when there is no unsaved work, or the user agrees to lose it. */
export function confirmDiscard(): boolean {
  const s = useDocumentStore.getState();
  return s.version === s.savedVersion || window.confirm('The mapping has unsaved changes. Discard them?');
}

/** Samples are kept per mapping in the workspace, keyed by its file path (or name when it has none). */
export const mappingKeyOf = (path: string | undefined, name: string): string => path ?? name;

/** Opens a document in the studio; false (with a toast saying why) when it cannot be opened. */
export async function openDocument(opened: OpenedBundle, samples: { name: string; text: string }[] = []): Promise<boolean> {
  try {
    let kept = samples;
    if (kept.length === 0) kept = await getStudio().listSamples({ mappingKey: mappingKeyOf(opened.path, opened.name) }).catch(() => []);
    // Neither shipped nor kept: carry the analyst's current samples over rather than leave the preview blank.
    if (kept.length === 0 && !hasTests(opened.bundle)) kept = useDocumentStore.getState().samples;
    useDocumentStore.getState().open(opened.bundle, opened.name, opened.path, kept);
    useViewStore.getState().setFocus(undefined);
    return true;
  } catch (error) {
    useViewStore.getState().toast('error', `${opened.name} cannot be opened: ${message(error)}`);
    return false;
  }
}

export async function openExample(id?: string): Promise<void> {
  if (!confirmDiscard()) return;
  try {
    const example = await getStudio().getExample(id ? { id } : {});
    await openDocument({ name: example.title, bundle: example.bundle }, example.samples);
  } catch (error) {
    useDocumentStore.getState().setLoadError(message(error));
  }
}

/** Open from a file the user picked in the browser (web host) or by path (Electron's dialog). */
export async function openFromFile(file: File): Promise<void> {
  if (!confirmDiscard()) return;
  try {
    await openDocument(await getStudio().openBundleText({ name: file.name, text: await file.text() }));
  } catch (error) {
    useViewStore.getState().toast('error', message(error));
  }
}

/** Opens a recent file by its path (the host allows the paths of its recent files). */
export async function openRecentFile(path: string): Promise<boolean> {
  if (!confirmDiscard()) return false;
  try {
    return await openDocument(await getStudio().openBundle({ path }));
  } catch (error) {
    useViewStore.getState().toast('error', message(error));
    return false;
  }
}

export async function openWithDialog(pickFile: () => void): Promise<void> {
  const info = await loadAppInfo().catch(() => undefined);
  if (!info?.nativeDialogs) { pickFile(); return; }
  if (!confirmDiscard()) return;
  const { path } = await getStudio().chooseOpenPath({ title: 'Open a mapping bundle' });
  if (!path) return;
  try {
    await openDocument(await getStudio().openBundle({ path }));
  } catch (error) {
    useViewStore.getState().toast('error', message(error));
  }
}

function hasTests(bundle: BundleDocument): boolean {
  return Array.isArray(bundle.tests) && bundle.tests.length > 0;
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;

/** Keeps the samples in the workspace (debounced: typing in the editor must not write per keystroke). */
export function persistSamples(): void {
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const { path, name, samples } = useDocumentStore.getState();
    getStudio().saveSamples({ mappingKey: mappingKeyOf(path, name), samples }).catch(() => undefined);
  }, 1000);
}

/** The mapping's name as a file name stem (`adt-a01-to-fhir`). */
function stemOf(name: string): string {
  return name.replace(/\.crosswalk\.json$|\.json$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'mapping';
}

function fileNameFor(name: string): string {
  return `${stemOf(name)}.crosswalk.json`;
}

/** Hands a text to the user as a file: a download in the browser, Electron's save dialog on its download. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Save: to the file it came from when there is one; else Save As (a native dialog in Electron, a
 * download of the canonical bundle text in the browser).
 */
export async function saveDocument(saveAs = false): Promise<void> {
  const doc = useDocumentStore.getState();
  const bundle: BundleDocument | undefined = doc.currentBundle();
  if (!bundle) return;
  const toast = useViewStore.getState().toast;
  try {
    const info = await loadAppInfo().catch(() => undefined);
    let path = saveAs ? undefined : doc.path;
    if (!path && info?.nativeDialogs) {
      path = (await getStudio().chooseSavePath({ title: 'Save the mapping bundle', defaultName: fileNameFor(doc.name) })).path ?? undefined;
      if (!path) return;
    }
    if (path) {
      const saved = await getStudio().saveBundle({ path, bundle });
      doc.markSaved(saved.path, saved.path.split(/[\\/]/).pop() ?? doc.name);
      toast('info', `Saved ${saved.path}.`);
    } else {
      const serialized = await getStudio().serializeBundle({ bundle });
      downloadText(serialized.fileName || fileNameFor(doc.name), serialized.text);
      doc.markSaved(undefined, doc.name);
      toast('info', `Downloaded ${serialized.fileName || fileNameFor(doc.name)}.`);
    }
  } catch (error) {
    toast('error', `Not saved: ${message(error)}`);
  }
}

/** The table view's rows as CSV (the model's rowsToCsv), downloaded beside the mapping's name. */
export function downloadRowsCsv(csv: string): void {
  const fileName = `${stemOf(useDocumentStore.getState().name)}-rows.csv`;
  downloadText(fileName, csv, 'text/csv;charset=utf-8');
  useViewStore.getState().toast('info', `Downloaded ${fileName}.`);
}

/**
 * The mapping's interface document (Studio API exportDocumentation: rules, value maps, test cases
 * run, coverage over the test inputs and the studio's HL7 v2 samples), downloaded.
 */
export async function exportDocumentation(format: 'html' | 'markdown'): Promise<void> {
  const doc = useDocumentStore.getState();
  const bundle = doc.currentBundle();
  if (!bundle || !doc.spec) return;
  const toast = useViewStore.getState().toast;
  try {
    const samples = coverageSamples(doc.spec, doc.samples);
    const { fileName, text } = await getStudio().exportDocumentation({ document: bundle, format, samples });
    downloadText(fileName, text, format === 'html' ? 'text/html;charset=utf-8' : 'text/markdown;charset=utf-8');
    toast('info', `Downloaded ${fileName}.`);
  } catch (error) {
    toast('error', `No documentation: ${message(error)}`);
  }
}

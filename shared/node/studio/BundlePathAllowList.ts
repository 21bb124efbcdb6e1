import { CrosswalkError } from '../../common/errors/CrosswalkError';

/**
 * The files the studio's page may open or save by path in this session, so a compromised page
 * (the renderer runs code from bundles, samples and npm packages) cannot read or write anywhere
 * the user did not point at:
 *
 * - open: a path the user chose in the Open dialog this session, or one in the recent files
 *   (recorded only after an open or save that passed this list);
 * - save: a path the user chose in the Save dialog this session, or one a document was opened
 *   from or saved to this session (Save without a dialog).
 *
 * Paths compare as exact strings: the page sends back what the dialog or the recent list gave it,
 * so any other spelling of a path (`/a/./b`, `/a//b`, another case, a trailing slash) is refused
 * rather than normalized into something the user never saw.
 */
export class BundlePathAllowList {
  private readonly chosenToOpen = new Set<string>();
  private readonly savable = new Set<string>();

  /** `recentPaths` is read at each check: the recent list can change between calls. */
  constructor(private readonly recentPaths: () => readonly string[]) {}

  /** The Open dialog returned `path`. */
  choseToOpen(path: string): void {
    this.chosenToOpen.add(path);
  }

  /** The Save dialog returned `path`. */
  choseToSave(path: string): void {
    this.savable.add(path);
  }

  /** A document was opened from or saved to `path`: Save may write it again without a dialog. */
  used(path: string): void {
    this.savable.add(path);
  }

  checkOpen(path: string): void {
    if (this.chosenToOpen.has(path) || this.recentPaths().includes(path)) return;
    throw new CrosswalkError('CW_FILE_NOT_CHOSEN', 'The studio opens only a file chosen in the Open dialog or listed in the recent files.', { file: path });
  }

  checkSave(path: string): void {
    if (this.savable.has(path)) return;
    throw new CrosswalkError('CW_FILE_NOT_CHOSEN', 'The studio saves only to a file chosen in the Save dialog or the file the mapping was opened from or saved to.', { file: path });
  }
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { valueMapEntriesFromCsv } from '../../shared/common/valuemaps/csv';
import { samplesDir } from '../../shared/node/fixtures/referenceFixtures';
import { studioHost } from './studioHost';

const ROW_REVIEW = 'urn:crosswalk:valuemap-row-review';
const dir = mkdtempSync(join(tmpdir(), 'crosswalk-review-e2e-'));
const adtSample = join(samplesDir, 'fhirconverter_ADT-A01-01.hl7');

/** Who the studio records: set in the settings, as a user does once (the role switched later the same way). */
async function beReviewer(page: Page, name: string, role: 'author' | 'reviewer'): Promise<void> {
  await page.getByTestId('settings').click();
  await page.getByTestId('reviewer-name').fill(name);
  await page.getByTestId(`reviewer-role-${role}`).check();
  await page.getByTestId('reviewer-name').press('Enter');
  await expect(page.getByTestId('settings-dialog')).toHaveCount(0);
}

/** Saves whatever the page offers for download (a bundle, a ConceptMap) and returns its path. */
async function download(page: Page, action: () => Promise<void>): Promise<string> {
  const offered = page.waitForEvent('download');
  await action();
  const file = await offered;
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** The real CLI on a saved bundle. */
function crosswalk(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', resolve('runtime/cli.ts'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

type ConceptMapTarget = { code: string; extension?: { url: string; extension: { url: string; valueCode?: string; extension?: { url: string; valueMarkdown?: string }[] }[] }[] };
/** Each source code's review status and comments, as the ConceptMap carries them. */
function reviewsIn(conceptMap: { group: { element: { code: string; target: ConceptMapTarget[] }[] }[] }) {
  return Object.fromEntries(conceptMap.group[0].element.map((element) => {
    const parts = element.target[0].extension?.find((e) => e.url === ROW_REVIEW)?.extension ?? [];
    return [element.code, {
      status: parts.find((p) => p.url === 'status')?.valueCode,
      comments: parts.filter((p) => p.url === 'comment').map((p) => p.extension?.find((c) => c.url === 'text')?.valueMarkdown),
    }];
  }));
}

test('a reviewer signs off the ADT example\'s value maps from the keyboard; an author\'s change shows old → new until approved again; the ConceptMap and the CLI agree', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  await beReviewer(page, 'Rita Reviewer', 'reviewer');

  // The review mode, from the keyboard; the 0001 map found by typing.
  await page.keyboard.press('Control+Shift+R');
  const view = page.getByTestId('review-view');
  await expect(view).toBeVisible();
  await expect(view.getByTestId('reviewer-chip')).toHaveText('Rita Reviewer · reviewer');
  await page.getByTestId('review-map-search').fill('0001');
  await page.getByTestId('review-map-search').press('Enter');
  await expect(page.getByTestId('review-rows')).toHaveAttribute('data-value-map', 'v2-0001-gender');
  const row = (code: string) => page.getByTestId('review-table').locator(`tr[data-source-code="${code}"]`);
  const gender = page.getByTestId('review-map-v2-0001-gender');
  await expect(gender.getByTestId('review-map-progress')).toHaveText('6 rows: 6 unreviewed');
  // Per row: the source display from table 0001, the target, the equivalence with its R5 word.
  await expect(row('A')).toContainText('Ambiguous');
  await expect(row('A')).toContainText('other');
  await expect(row('F')).toHaveAttribute('aria-selected', 'true');

  // a, six times: each approval moves on to the next row.
  for (const code of ['F', 'M', 'O', 'U', 'A', 'N']) {
    await expect(row(code)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('a');
  }
  for (const code of ['F', 'M', 'O', 'U', 'A', 'N']) await expect(row(code)).toHaveAttribute('data-status', 'approved');
  await expect(gender.getByTestId('review-map-progress')).toHaveText('6 rows: 6 approved');
  await expect(gender.getByTestId('review-map-signoff')).toContainText('signed off by Rita Reviewer');

  // A and N need discussion: d, the reason, Ctrl+Enter.
  await page.keyboard.press('Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('j');
  await expect(row('A')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('d');
  await expect(page.getByTestId('review-comment')).toBeFocused();
  await page.keyboard.type('Does "ambiguous" really mean other?');
  await page.keyboard.press('Control+Enter');
  await expect(row('N')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('d');
  await page.keyboard.type('Not applicable: other, or unknown?');
  await page.keyboard.press('Control+Enter');
  await expect(row('A')).toHaveAttribute('data-status', 'needs-discussion');
  await expect(row('N')).toHaveAttribute('data-status', 'needs-discussion');
  await expect(row('N').getByTestId('review-row-comments')).toHaveText('1 comment');
  await expect(gender.getByTestId('review-map-progress')).toHaveText('6 rows: 4 approved, 2 needs discussion');

  // An author: may not approve (the core's sentence says why), changes N in the value-map editor.
  await beReviewer(page, 'Ana Author', 'author');
  await page.keyboard.press('End');
  await expect(row('N')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('a');
  await expect(page.getByTestId('review-refused').locator('li[data-refused-source="N"]')).toHaveText('Refused "N": Only a reviewer approves rows, and your role in the settings is author.');
  await expect(row('N')).toHaveAttribute('data-status', 'needs-discussion');
  await page.keyboard.press('Control+Shift+R');
  await expect(view).toHaveCount(0);
  await page.getByTestId('palette-valueMap-v2-0001-gender').click();
  const editor = page.getByTestId('valuemap-editor');
  for (const [label, value] of [['Target code', 'unknown'], ['Display', 'Unknown']]) {
    const field = editor.locator('tr[data-source-code="N"]').getByLabel(label, { exact: true });
    await field.fill(value);
    await field.press('Enter');
  }

  // Back in review: N is proposed by Ana, changed since approval, old → new, in its history too.
  await page.keyboard.press('Control+Shift+R');
  await expect(row('N')).toHaveAttribute('data-status', 'proposed');
  await expect(row('N')).toHaveAttribute('data-changed', 'true');
  await expect(row('N').getByTestId('review-changed')).toHaveText('changed since approvaltarget: other → unknowndisplay: Other → Unknown');
  await row('N').click();
  const detail = page.getByTestId('review-row-detail');
  // Two edits in the editor (the target, then the display), each recorded with who and when.
  const edits = detail.getByTestId('review-history').locator('li[data-action="edit"]');
  await expect(edits).toHaveCount(2);
  await expect(edits.nth(0)).toHaveText(/ UTC · Ana Author \(author\) edit · needs discussion → proposed · target: other → unknown$/);
  await expect(edits.nth(1)).toHaveText(/ UTC · Ana Author \(author\) edit · display: Other → Unknown$/);
  await page.screenshot({ path: 'docs/screenshots/review-mode-changed.png' });

  // The reviewer approves N again, and A after the discussion, with a comment.
  await beReviewer(page, 'Rita Reviewer', 'reviewer');
  await page.keyboard.press('End');
  await page.keyboard.press('a');
  await expect(row('N')).toHaveAttribute('data-status', 'approved');
  await expect(row('N')).not.toHaveAttribute('data-changed', 'true');
  await page.keyboard.press('k');
  await expect(row('A')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('c');
  await page.keyboard.type('Discussed: the IG maps A to other.');
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  await expect(row('A')).toHaveAttribute('data-status', 'approved');
  await expect(gender.getByTestId('review-map-signoff')).toContainText('signed off by Rita Reviewer');
  await row('A').click();
  await expect(detail.getByTestId('review-thread')).toContainText('Does "ambiguous" really mean other?');
  await expect(detail.getByTestId('review-thread')).toContainText('Discussed: the IG maps A to other.');
  await page.screenshot({ path: 'docs/screenshots/review-mode.png' });

  // The ConceptMap carries the status and the comments, and imports back to the same state.
  const conceptMapPath = await download(page, () => page.getByTestId('review-export-conceptmap').click());
  const exported = readFileSync(conceptMapPath, 'utf8');
  const conceptMap = JSON.parse(exported);
  expect(conceptMap).toMatchObject({ resourceType: 'ConceptMap', id: 'v2-0001-gender', status: 'active' });
  expect(reviewsIn(conceptMap)).toEqual({
    F: { status: 'approved', comments: [] }, M: { status: 'approved', comments: [] }, O: { status: 'approved', comments: [] }, U: { status: 'approved', comments: [] },
    A: { status: 'approved', comments: ['Does "ambiguous" really mean other?', 'Discussed: the IG maps A to other.'] },
    N: { status: 'approved', comments: ['Not applicable: other, or unknown?'] },
  });
  await page.getByTestId('review-import-file').setInputFiles(conceptMapPath);
  await expect(page.getByTestId('review-outcome')).toContainText('Imported ConceptMap-v2-0001-gender.json into value map "v2-0001-gender"');
  const again = readFileSync(await download(page, () => page.getByTestId('review-export-conceptmap').click()), 'utf8');
  expect(again).toBe(exported);
  // The CSV for spreadsheet review says the same; the HTML report names who approved and why.
  const csv = valueMapEntriesFromCsv(readFileSync(await download(page, () => page.getByTestId('review-export-csv').click()), 'utf8'));
  expect(csv.map((e) => [e.source, e.target, e.review?.status, e.review?.comments?.length ?? 0])).toEqual([
    ['F', 'female', 'approved', 0], ['M', 'male', 'approved', 0], ['O', 'other', 'approved', 0], ['U', 'unknown', 'approved', 0],
    ['A', 'other', 'approved', 2], ['N', 'unknown', 'approved', 1],
  ]);
  const html = readFileSync(await download(page, () => page.getByTestId('review-export-report').click()), 'utf8');
  expect(html).toContain('<h1>Value-map review: ');
  expect(html).toContain('Discussed: the IG maps A to other.');
  expect(html).toContain('Rita Reviewer');

  // Saved, the bundle is what the runtime reads: the map approved, the others not yet.
  const saved = await download(page, () => page.keyboard.press('Control+s'));
  let review = crosswalk('review', saved);
  expect(review.status).toBe(1);
  expect(review.stdout).toMatch(/^ {2}v2-0001-gender +in use +6 rows: 6 approved · table 0001: 6 of 6 codes mapped · target codes ok$/m);
  let run = crosswalk('run', saved, adtSample, '--require-approved');
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('REVIEW_NOT_APPROVED: Value map "sn-comparator" row "<" is not approved (it is unreviewed), and this bundle runs only when every value-map row it can use is approved.');

  // Every other map signed off from the keyboard: ] to the next map, Shift+A, Ctrl+Enter.
  await page.getByTestId('review-map-search').fill('');
  await page.keyboard.press('Escape');
  await page.getByTestId('review-map-sn-comparator').click();
  const maps = await page.getByTestId('review-maps').locator('[data-testid^="review-map-"][data-signed-off]').count();
  for (let i = 0; i < maps; i++) {
    const current = page.getByTestId('review-maps').locator('[aria-current="true"]');
    if (await current.getAttribute('data-signed-off') === 'false' && await page.getByTestId('review-bulk-approve').isEnabled()) {
      await page.keyboard.press('Shift+A');
      await expect(page.getByTestId('review-comment')).toBeFocused();
      await page.keyboard.type('Checked against the IG\'s vocabulary map.');
      await page.keyboard.press('Control+Enter');
      await expect(current).toHaveAttribute('data-signed-off', 'true');
    }
    await page.keyboard.press(']');
  }
  await expect(page.getByTestId('review-verdict')).toContainText('every row in use approved');

  const signed = await download(page, () => page.keyboard.press('Control+s'));
  review = crosswalk('review', signed);
  expect(review.stderr).toBe('');
  expect(review.status).toBe(0);
  expect(review.stdout).toMatch(/^approved: every row of the \d+ value maps in use is approved\.$/m);
  run = crosswalk('run', signed, adtSample, '--require-approved');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout).entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient').resource.gender).toBeTruthy();
});

test('the bundle\'s policy is the core\'s: two approvals from different people, none from the row\'s last author, each refusal said in the core\'s sentence', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(studioHost().url);
  await expect(page.getByTestId('preview-output')).toContainText('"resourceType": "Bundle"', { timeout: 20_000 });
  await beReviewer(page, 'Rita Reviewer', 'reviewer');
  await page.getByTestId('review-mode').click();
  await page.getByTestId('review-policy-approvals').selectOption('2');
  await page.getByTestId('review-policy-not-author').check();
  await page.getByTestId('review-map-search').fill('0001');
  await page.getByTestId('review-map-search').press('Enter');
  const row = (code: string) => page.getByTestId('review-table').locator(`tr[data-source-code="${code}"]`);
  const refused = page.getByTestId('review-refused').locator('li[data-refused-source="F"]');
  await expect(row('F')).toHaveAttribute('aria-selected', 'true');

  // Rita changes F in the review's row editor (e, Enter): she is now its last author.
  await page.keyboard.press('e');
  await page.getByTestId('review-row-editor').getByLabel('Target display').fill('Female (administrative)');
  await page.keyboard.press('Enter');
  await expect(row('F')).toHaveAttribute('data-status', 'proposed');
  await expect(row('F')).toContainText('Female (administrative)');
  await page.keyboard.press('a');
  await expect(refused).toHaveText('Refused "F": You were the last to change row "F" of value map "v2-0001-gender", and this bundle requires an approver other than the row\'s last author.');
  await expect(refused).toHaveAttribute('data-code', 'REVIEW_OWN_ROW');

  // Bob's approval is the first of two; a second from Bob is refused; Carl's completes it.
  await beReviewer(page, 'Bob Reviewer', 'reviewer');
  await page.keyboard.press('Home');
  await page.keyboard.press('a');
  await expect(row('F')).toHaveAttribute('data-status', 'proposed');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('review-approvals')).toContainText('Bob Reviewer');
  await page.keyboard.press('a');
  await expect(refused).toHaveText('Refused "F": You have already approved row "F" of value map "v2-0001-gender"; it needs 1 more approval from someone else.');
  await beReviewer(page, 'Carl Reviewer', 'reviewer');
  await page.keyboard.press('Home');
  await page.keyboard.press('a');
  await expect(row('F')).toHaveAttribute('data-status', 'approved');
  await expect(row('F')).toContainText('✓ Bob Reviewer, Carl Reviewer');
  await expect(page.getByTestId('review-map-v2-0001-gender').getByTestId('review-map-progress')).toHaveText('6 rows: 1 approved, 5 unreviewed');
});

import { expect, test, type APIRequestContext } from '@playwright/test';
import { createStudioClient, type StudioClient } from '../../shared/common/studio';
import { studioHost } from './studioHost';

/** The Studio API over the web host's HTTP, with the launch token: the same calls the studio's review mode will make. */
function studioApi(request: APIRequestContext): StudioClient {
  const { origin, token } = studioHost();
  // JSON text both ways, as the studio's own HTTP transport sends it (a decimal keeps its text).
  return createStudioClient(async (method, argsJson) => (await request.post(`${origin}/api/${method}`, { headers: { 'x-crosswalk-token': token, 'content-type': 'application/json' }, data: argsJson })).text());
}

test('the issue\'s review over the web host: approve, question, change, the ConceptMap round trip and the HTML report in Chromium', async ({ page, request }) => {
  const api = studioApi(request);
  const mappingKey = 'e2e review';
  let { bundle } = await api.getExample();
  const step = async (valueMapId: string, action: Parameters<StudioClient['reviewValueMap']>[0]['action']) => {
    const result = await api.reviewValueMap({ mappingKey, bundle, valueMapId, action });
    expect(result.refused).toEqual([]);
    bundle = result.bundle;
    return result;
  };

  await api.setReviewer({ name: 'Rita Reviewer', role: 'reviewer' });
  await step('v2-0001-gender', { kind: 'approve', sources: ['F', 'M', 'O', 'U', 'A', 'N'], comment: 'Checked against table 0001 and the IG.' });
  await step('v2-0001-gender', { kind: 'needs-discussion', sources: ['A', 'N'], comment: 'Does "ambiguous" / "not applicable" really mean other?' });
  await step('sn-comparator', { kind: 'approve', sources: ['<', '<=', '>=', '>'] });
  await api.setReviewer({ name: 'Ana Author', role: 'author' });
  await step('v2-0001-gender', { kind: 'edit', source: 'N', changes: { target: 'unknown', display: 'Unknown', equivalence: 'inexact', comment: 'Not applicable says nothing about sex.' }, comment: 'Changed to unknown, as discussed.' });

  // The ConceptMap carries status and comments and re-imports to the same rows and review.
  const exported = await api.exportValueMap({ bundle, valueMapId: 'v2-0001-gender', format: 'conceptmap' });
  expect(exported.text).toContain('"valueMarkdown": "Does \\"ambiguous\\" / \\"not applicable\\" really mean other?"');
  const gender = (bundle.mapping as { valueMaps: { id: string }[] }).valueMaps.find((m) => m.id === 'v2-0001-gender');
  expect((await api.importValueMap({ bundle, format: 'conceptmap', text: exported.text })).valueMap).toEqual(gender);

  const { html } = await api.exportReviewReport({ mappingKey, bundle });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setContent(html);
  // Self-contained: nothing is fetched.
  expect(requests).toEqual([]);
  const n = page.locator('#v2-0001-gender tr[data-source="N"]');
  await expect(n.locator('.pill')).toHaveText('proposed');
  await expect(n.locator('.changed')).toHaveText('Changed since approvaltarget: other → unknowndisplay: Other → Unknownequivalence: (none) → inexact');
  await expect(page.locator('#v2-0001-gender tr[data-source="A"] .pill')).toHaveText('needs discussion');
  await expect(page.locator('#sn-comparator .verdict')).toContainText('Signed off');
  await page.screenshot({ path: 'docs/screenshots/review-report.png' });
  await page.locator('#v2-0001-gender').screenshot({ path: 'docs/screenshots/review-report-map.png' });
});

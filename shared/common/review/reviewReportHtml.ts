import { reviewStatusLabels, type ReviewStatus } from '../valuemaps/rowReview';
import type { ReviewReport, ReviewReportMap, ReviewRowView } from './reviewReport';
import { describeProgress } from './reviewProgress';

/** Text made safe for HTML element content and attribute values. */
function esc(text: string | number | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch] as string));
}

const STATUS_ORDER: ReviewStatus[] = ['approved', 'proposed', 'needs-discussion', 'rejected', 'unreviewed'];

/** A UTC instant as people read it: `2026-11-26 09:30 UTC` (the exact instant stays in the title). */
function when(instant: string | undefined): string {
  if (instant === undefined) return '';
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return esc(instant);
  const text = new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  return `<time datetime="${esc(instant)}" title="${esc(instant)}">${text} UTC</time>`;
}

const CSS = `
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:0;background:#f6f7f9}
main{max-width:1280px;margin:0 auto;padding:24px 32px 64px}h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 4px}h3{font-size:14px;margin:16px 0 6px}
.muted{color:#5b6475}.mono,code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12.5px}
section.map{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:16px 20px;margin-top:20px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e6e9ef}th{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#5b6475;background:#fafbfc}
.bar{display:flex;height:10px;border-radius:5px;overflow:hidden;background:#e6e9ef;min-width:160px}.bar span{display:block}
.s-approved{background:#1f8f4e}.s-proposed{background:#3a72d8}.s-needs-discussion{background:#d99a1e}.s-rejected{background:#c8373b}.s-unreviewed{background:#b9c0cc}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;color:#fff;white-space:nowrap}
.verdict{display:inline-block;padding:6px 12px;border-radius:6px;font-weight:600}.ok{background:#e3f4ea;color:#13693a}.no{background:#fbe9e9;color:#9b2226}
.issue-error{color:#9b2226}.issue-warning{color:#8a5a00}.changed{background:#fff6df;border-left:3px solid #d99a1e;padding:2px 6px;margin-top:4px}
.codes{display:flex;flex-wrap:wrap;gap:4px}.code{border:1px solid #d3d8e0;border-radius:4px;padding:0 6px;background:#fafbfc}.code.unmapped{border-color:#d99a1e;background:#fff6df}.code.local{border-style:dashed}
time{white-space:nowrap}.comment{margin:2px 0}.comment b{font-weight:600}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}dt{color:#5b6475}dd{margin:0}
`;

function progressBar(map: ReviewReportMap): string {
  const total = Math.max(map.progress.rows, 1);
  return `<div class="bar" role="img" aria-label="${esc(describeProgress(map.progress))}">${STATUS_ORDER.map((status) => {
    const n = map.progress.counts[status];
    return n === 0 ? '' : `<span class="s-${status}" style="width:${(100 * n) / total}%"></span>`;
  }).join('')}</div>`;
}

function signOff(map: ReviewReportMap): string {
  const s = map.progress.signOff;
  if (s !== undefined) return `<span class="verdict ok">Signed off ${when(s.approvedAt)} by ${esc(s.approvers.join(', '))}</span>${s.authors.length > 0 ? ` <span class="muted">rows by ${esc(s.authors.join(', '))}</span>` : ''}`;
  if (map.progress.rows === 0) return '<span class="muted">No rows.</span>';
  return `<span class="verdict no">Not signed off: ${map.progress.rows - map.progress.counts.approved} of ${map.progress.rows} rows not approved</span>`;
}

function rowHtml(row: ReviewRowView): string {
  const target = `<code>${esc(row.target)}</code>${row.display !== undefined ? ` ${esc(row.display)}` : ''}${row.system !== undefined ? `<div class="muted mono">${esc(row.system)}</div>` : ''}`
    + `${row.note !== undefined ? `<div class="muted">note: ${esc(row.note)}</div>` : ''}`;
  const changed = row.changes !== undefined
    ? `<div class="changed"><b>Changed since approval</b>${row.changes.map((c) => `<div>${esc(c.field)}: <code>${esc(c.from ?? '(none)')}</code> → <code>${esc(c.to ?? '(none)')}</code></div>`).join('')}</div>`
    : '';
  const people = [
    row.author !== undefined ? `<div>author ${esc(row.author)} ${when(row.authoredAt)}</div>` : '',
    row.reviewer !== undefined ? `<div>status by ${esc(row.reviewer)} ${when(row.reviewedAt)}</div>` : '',
    ...row.approvals.map((a) => `<div>✓ approved by ${esc(a.by)} ${when(a.at)}</div>`),
  ].join('');
  const comments = row.comments.map((c) => `<div class="comment"><b>${esc(c.by)}</b> <span class="muted">${when(c.at)}</span><br>${esc(c.text)}</div>`).join('');
  const issues = row.issues.map((i) => `<div class="issue-${i.severity}">${i.severity === 'error' ? '✗' : '!'} ${esc(i.message)}${i.expected !== undefined ? ` (code system: “${esc(i.expected)}”)` : ''}</div>`).join('');
  const seen = row.seen.samples + row.seen.tests > 0 ? `<div class="muted">seen ${row.seen.samples} in samples, ${row.seen.tests} in tests</div>` : '';
  return `<tr data-source="${esc(row.source)}"><td><code>${esc(row.source)}</code>${row.sourceDisplay !== undefined ? `<div class="muted">${esc(row.sourceDisplay)}</div>` : ''}${seen}</td>`
    + `<td>${target}${issues}</td><td>${esc(row.equivalence)}</td>`
    + `<td><span class="pill s-${row.status}">${esc(reviewStatusLabels[row.status])}</span>${changed}</td><td>${people}</td><td>${comments}</td></tr>`;
}

function coverageHtml(map: ReviewReportMap): string {
  const c = map.coverage;
  if (c === undefined) return '';
  const source = c.source;
  const table = source.table !== undefined
    ? `v2 table ${esc(source.table.id)} ${esc(source.table.description)}: ${source.tableMapped} of ${source.tableCodes} codes mapped.`
    : 'No v2 table for the source system: only the rows and the codes seen are listed.';
  const unmapped = source.codes.filter((code) => !code.mapped);
  const local = source.codes.filter((code) => code.local);
  const chip = (code: (typeof source.codes)[number]) => `<span class="code${code.mapped ? '' : ' unmapped'}${code.local ? ' local' : ''}" title="${esc(code.display ?? (code.local ? 'local code' : ''))}">${esc(code.code)}${code.seen.samples + code.seen.tests > 0 ? ` · seen ${code.seen.samples + code.seen.tests}` : ''}</span>`;
  const uses = c.target.uses.map((u) => `<tr><td class="mono">${esc(u.map)}</td><td class="mono">${esc(u.element)}</td><td>${u.binding ? `${esc(u.binding.strength)} <span class="mono">${esc(u.binding.valueSet ?? '')}</span>` : '—'}</td><td>${u.checked ? 'checked' : esc(`not checked: ${u.note ?? ''}`)}</td></tr>`).join('');
  const defaults = c.target.unmappedDefault.map((i) => `<div class="issue-${i.severity}">unmapped default: ${esc(i.message)}</div>`).join('');
  return `<h3>Coverage</h3><p>${table} A code without a row ${esc(source.unmapped)}.</p>`
    + `<div><b>Codes</b> <span class="muted">${unmapped.length} unmapped first (marked), then ${source.codes.length - unmapped.length} mapped; dashed: local, not in the table</span><div class="codes">${source.codes.map(chip).join('') || '<span class="muted">none</span>'}</div></div>`
    + (local.length > 0 ? `<p>Local codes (used by a row or a sender, not in the table): ${local.map((code) => `<code>${esc(code.code)}</code>`).join(', ')}.</p>` : '')
    + `<h3>Target bindings</h3>${uses ? `<table><thead><tr><th>map</th><th>element</th><th>binding</th><th>rows</th></tr></thead><tbody>${uses}</tbody></table>` : '<p class="muted">No map in use writes its codes to a FHIR element.</p>'}${defaults}`;
}

function mapHtml(map: ReviewReportMap): string {
  return `<section class="map" id="${esc(map.id)}"><h2>${esc(map.name)} <span class="muted mono">${esc(map.id)}</span></h2>`
    + `${map.description !== undefined ? `<p class="muted">${esc(map.description)}</p>` : ''}`
    + `<dl><dt>source</dt><dd class="mono">${esc(map.sourceSystem ?? '—')}</dd><dt>target</dt><dd class="mono">${esc(map.targetSystem ?? '—')}</dd>`
    + `<dt>used in</dt><dd>${map.usedIn.length > 0 ? esc(map.usedIn.join(', ')) : 'no map the mapping runs (not in use)'}</dd><dt>progress</dt><dd>${esc(describeProgress(map.progress))}</dd>`
    + `<dt>sign-off</dt><dd>${signOff(map)}</dd></dl>${progressBar(map)}${coverageHtml(map)}`
    + `<h3>Rows</h3><table><thead><tr><th>source</th><th>target</th><th>equivalence</th><th>status</th><th>who</th><th>comments</th></tr></thead><tbody>${map.rows.map(rowHtml).join('')}</tbody></table></section>`;
}

/**
 * The review report as one self-contained HTML page: inline styles, no scripts, no external
 * resources, so it can be mailed, archived next to a release or opened offline. Every text is
 * escaped; the page holds bundle content and reviewers' names and comments, never message data.
 */
export function reviewReportHtml(report: ReviewReport): string {
  const policy = report.policy;
  const inUse = report.maps.filter((m) => m.usedIn.length > 0);
  const summary = report.maps.map((m) => `<tr><td><a href="#${esc(m.id)}" class="mono">${esc(m.id)}</a></td><td>${esc(m.name)}</td><td>${m.usedIn.length > 0 ? 'yes' : 'no'}</td><td>${progressBar(m)}<div class="muted">${esc(describeProgress(m.progress))}</div></td><td>${signOff(m)}</td></tr>`).join('');
  const verdict = report.approved
    ? `<span class="verdict ok">Every row of the ${inUse.length} value maps in use is approved.</span>`
    : `<span class="verdict no">Not approved: value map ${esc(report.firstUnapproved?.valueMap)} row “${esc(report.firstUnapproved?.source)}” (${esc(report.firstUnapproved?.why)}) is the first of the rows in use still open.</span>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Value-map review — ${esc(report.bundle.name)} ${esc(report.bundle.version)}</title><style>${CSS}</style></head>
<body><main>
<h1>Value-map review: ${esc(report.bundle.name)} <span class="muted">${esc(report.bundle.version)}</span></h1>
<div class="muted">Generated ${when(report.generatedAt)}${report.bundle.hash !== undefined ? ` · bundle <span class="mono">${esc(report.bundle.hash)}</span>` : ''}</div>
<p>Policy: ${policy.approvals} approval${policy.approvals === 1 ? '' : 's'} per row from different people${policy.approverNotAuthor ? ', never by the row\'s last author' : ''}${policy.requireApproved ? '; the runtime refuses to run until every row in use is approved' : ''}.</p>
<p>${verdict}</p>
<table><thead><tr><th>value map</th><th>name</th><th>in use</th><th>progress</th><th>sign-off</th></tr></thead><tbody>${summary}</tbody></table>
${report.maps.map(mapHtml).join('\n')}
</main></body></html>
`;
}

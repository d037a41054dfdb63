/**
 * The fleet summary as one self-contained HTML page (inline style, no script, nothing fetched), so it
 * can be mailed or served as a file. Every string from a report or kubeconfig is escaped.
 */
import { fleetProfiles, type ClusterDigest, type FleetSummary } from './model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const e = (text: string | number | null | undefined): string => String(text ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
const score = (s: number | null | undefined): string => (s === null || s === undefined ? '—' : String(s));
/** A cell shaded by score: red below 50, amber below 80, green above. */
const scoreCell = (s: number | null | undefined): string =>
  `<td class="num ${s === null || s === undefined ? '' : s < 50 ? 'bad' : s < 80 ? 'warn' : 'good'}">${score(s)}</td>`;

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}.num{text-align:right}
.bad{background:#f8d7da}.warn{background:#fff3cd}.good{background:#d4edda}.unreachable{color:#842029;font-weight:bold}.partial{color:#8a6d3b}`;

function clusterRow(d: ClusterDigest, profiles: string[]): string {
  const byProfile = new Map(d.profiles.map((p) => [p.id, p.score]));
  const down = d.state === 'unreachable';
  return `<tr><td>${e(d.cluster)}</td><td class="${d.state}">${d.state}</td>${scoreCell(d.score)}${profiles.map((p) => scoreCell(byProfile.get(p))).join('')}<td class="num">${down ? '—' : d.failing}</td><td class="num">${down ? '—' : d.notAssessed}</td><td>${e(d.kubernetesVersion)}</td><td>${e(d.report)}</td></tr>`;
}

export function fleetHtml(fleet: FleetSummary): string {
  const profiles = fleetProfiles(fleet);
  const c = fleet.counts;
  const parts = [
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>kaudit fleet summary</title><style>${STYLE}</style></head><body>`,
    `<h1>kaudit fleet summary</h1><p>${c.clusters} clusters: ${c.complete} complete, ${c.partial} partly read, ${c.unreachable} unreachable.</p>`,
    `<h2>Score per cluster and profile</h2><table><thead><tr><th>Cluster</th><th>State</th><th>Score</th>${profiles.map((p) => `<th>${e(p)}</th>`).join('')}<th>Failing</th><th>Not assessed</th><th>Kubernetes</th><th>Report</th></tr></thead><tbody>`,
    ...fleet.clusters.map((d) => clusterRow(d, profiles)),
    '</tbody></table>',
  ];
  const problems = fleet.clusters.filter((d) => d.state !== 'complete');
  if (problems.length)
    parts.push(
      '<h2>Not (fully) read</h2><ul>',
      ...problems.map((d) => `<li><b>${e(d.cluster)}</b> <span class="${d.state}">${d.state}</span>: ${e(d.reason)}</li>`),
      '</ul>',
    );
  if (fleet.failingControls.length) {
    parts.push(
      '<h2>Controls failing in the most clusters</h2><table><thead><tr><th>Profile</th><th>Control</th><th>Severity</th><th>Title</th><th>Clusters</th></tr></thead><tbody>',
    );
    for (const f of fleet.failingControls)
      parts.push(
        `<tr><td>${e(f.profile)}</td><td>${e(f.id)}</td><td>${f.severity}</td><td>${e(f.title)}</td><td><b>${f.clusters.length}</b>: ${e(f.clusters.join(', '))}</td></tr>`,
      );
    parts.push('</tbody></table>');
  }
  if (fleet.worstBySection.length) {
    parts.push(
      '<h2>Worst clusters per section</h2><table><thead><tr><th>Profile</th><th>Section</th><th>Title</th><th>Worst clusters (score)</th></tr></thead><tbody>',
    );
    for (const s of fleet.worstBySection)
      parts.push(
        `<tr><td>${e(s.profile)}</td><td>${e(s.section)}</td><td>${e(s.title)}</td><td>${s.worst.map((w) => `${e(w.cluster)} (${w.score})`).join(', ')}</td></tr>`,
      );
    parts.push('</tbody></table>');
  }
  parts.push('</body></html>\n');
  return parts.join('\n');
}

/**
 * The fleet summary for a terminal: clusters with their score per profile, clusters not (fully)
 * read, the controls failing in the most clusters and the worst clusters per section. Every string
 * from a report or kubeconfig passes terminalText.
 */
import Table from 'cli-table3';
import { terminalText as t } from '../core/terminal-text.js';
import { fleetProfiles, type FleetSummary } from './model.js';

const score = (s: number | null | undefined): string => (s === null || s === undefined ? '—' : String(s));
const table = (head: string[]) => new Table({ head, style: { head: [], border: [] }, wordWrap: false });

/** How many failing controls the table lists (JSON and HTML list them all). */
export const FAILING_CONTROLS_SHOWN = 15;

export function fleetTable(fleet: FleetSummary): string {
  const profiles = fleetProfiles(fleet);
  const c = fleet.counts;
  const out: string[] = [
    `kaudit fleet: ${c.clusters} ${c.clusters === 1 ? 'cluster' : 'clusters'}, ${c.complete} complete, ${c.partial} partly read, ${c.unreachable} unreachable`,
  ];
  const clusters = table(['Cluster', 'State', 'Score', ...profiles, 'Failing', 'Not assessed']);
  for (const d of fleet.clusters) {
    const byProfile = new Map(d.profiles.map((p) => [p.id, p.score]));
    clusters.push([
      t(d.cluster),
      d.state,
      score(d.score),
      ...profiles.map((p) => score(byProfile.get(p))),
      d.state === 'unreachable' ? '—' : d.failing,
      d.state === 'unreachable' ? '—' : d.notAssessed,
    ]);
  }
  out.push(clusters.toString());
  const problems = fleet.clusters.filter((d) => d.state !== 'complete');
  if (problems.length) {
    out.push('', 'Not (fully) read:');
    for (const d of problems) out.push(`  ${t(d.cluster)}: ${d.state}: ${t(d.reason ?? '')}`);
  }
  if (fleet.failingControls.length) {
    out.push('', 'Controls failing in the most clusters:');
    const failing = table(['Control', 'Severity', 'Title', 'Clusters']);
    for (const f of fleet.failingControls.slice(0, FAILING_CONTROLS_SHOWN))
      failing.push([t(`${f.profile} ${f.id}`), f.severity, t(f.title), `${f.clusters.length}: ${t(f.clusters.join(', '))}`]);
    out.push(failing.toString());
    const more = fleet.failingControls.length - FAILING_CONTROLS_SHOWN;
    if (more > 0) out.push(`… and ${more} more failing controls: see the JSON or HTML summary`);
  }
  if (fleet.worstBySection.length) {
    out.push('', 'Worst clusters per section:');
    const sections = table(['Section', 'Title', 'Worst clusters (score)']);
    for (const s of fleet.worstBySection)
      sections.push([t(`${s.profile} ${s.section}`), t(s.title), t(s.worst.map((w) => `${w.cluster} (${w.score})`).join(', '))]);
    out.push(sections.toString());
  }
  return out.join('\n') + '\n';
}

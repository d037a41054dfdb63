/**
 * Geometry of the summary's inline SVG charts (horizontal bars), computed here so the template only
 * prints rectangles. Widths are in SVG user units; labels are drawn by the template as text, and
 * each bar carries its numbers in a <title> and in the text beside it, so the chart reads without
 * colour and prints.
 */
import { CONTROL_STATUSES, type ControlStatus, type StatusCounts } from '../../src/core/result.js';

export const CHART = { width: 640, label: 220, bar: 360, row: 20, gap: 4 } as const;

export interface Segment {
  key: string;
  x: number;
  w: number;
  count: number;
}

export interface Bar {
  label: string;
  /** Link target, when the bar stands for something the page shows. */
  href?: string;
  y: number;
  total: number;
  segments: Segment[];
  /** "12 pass, 3 fail", for the <title> and for screen readers. */
  text: string;
}

export interface Chart {
  title: string;
  /** Viewbox height. */
  height: number;
  bars: Bar[];
}

const y = (i: number): number => i * (CHART.row + CHART.gap);

/** One stacked bar per row, scaled to the largest total. */
function stacked(title: string, rows: { label: string; href?: string; parts: { key: string; count: number; name: string }[] }[]): Chart {
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((n, p) => n + p.count, 0)));
  const bars = rows.map((r, i): Bar => {
    let x = CHART.label;
    const segments: Segment[] = [];
    for (const p of r.parts) {
      if (!p.count) continue;
      const w = (p.count / max) * CHART.bar;
      segments.push({ key: p.key, x: round(x), w: round(Math.max(w, 1)), count: p.count });
      x += w;
    }
    const total = r.parts.reduce((n, p) => n + p.count, 0);
    const text =
      r.parts
        .filter((p) => p.count)
        .map((p) => `${p.count} ${p.name}`)
        .join(', ') || 'none';
    return { label: r.label, href: r.href, y: y(i), total, segments, text };
  });
  return { title, height: Math.max(y(rows.length) - CHART.gap, CHART.row), bars };
}

const round = (n: number): number => Math.round(n * 10) / 10;

export function statusBySection(
  sections: { label: string; href: string; counts: StatusCounts }[],
  labels: Record<ControlStatus, string>,
): Chart {
  return stacked(
    'Controls by status, per section',
    sections.map((s) => ({
      label: s.label,
      href: `#${s.href}`,
      parts: CONTROL_STATUSES.map((k) => ({ key: `st-${k}`, count: s.counts[k], name: labels[k].toLowerCase() })),
    })),
  );
}

/** Single-colour bars: one count per row (severity, namespace, workload). */
export function counts(title: string, rows: { label: string; href?: string; key: string; count: number }[], unit: string): Chart {
  return stacked(
    title,
    rows.map((r) => ({ label: r.label, href: r.href, parts: [{ key: r.key, count: r.count, name: unit }] })),
  );
}

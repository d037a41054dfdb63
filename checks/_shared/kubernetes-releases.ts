/**
 * Data: Kubernetes minor releases and the end of their upstream maintenance (kubernetes.io/releases,
 * "End of Life"), and the version skew policy. Update with each release and move RELEASE_TABLE_DATE;
 * a cluster newer than the table is not judged (not-assessed), never passed.
 */
export const RELEASE_TABLE_DATE = '2025-12-17';

export interface MinorRelease {
  minor: number;
  released: string;
  /** Last day of upstream patch support. */
  endOfSupport: string;
}

export const KUBERNETES_RELEASES: readonly [MinorRelease, ...MinorRelease[]] = [
  { minor: 25, released: '2022-08-23', endOfSupport: '2023-10-27' },
  { minor: 26, released: '2022-12-08', endOfSupport: '2024-02-28' },
  { minor: 27, released: '2023-04-11', endOfSupport: '2024-06-28' },
  { minor: 28, released: '2023-08-15', endOfSupport: '2024-10-28' },
  { minor: 29, released: '2023-12-13', endOfSupport: '2025-02-28' },
  { minor: 30, released: '2024-04-17', endOfSupport: '2025-06-28' },
  { minor: 31, released: '2024-08-13', endOfSupport: '2025-10-28' },
  { minor: 32, released: '2024-12-11', endOfSupport: '2026-02-28' },
  { minor: 33, released: '2025-04-23', endOfSupport: '2026-06-28' },
  { minor: 34, released: '2025-08-27', endOfSupport: '2026-10-27' },
  { minor: 35, released: '2025-12-17', endOfSupport: '2027-02-28' },
];

/** How many minors a kubelet may be older than kube-apiserver (kubernetes.io/releases/version-skew-policy): 3 since 1.28, 2 before. */
export const kubeletSkewAllowed = (apiserverMinor: number): number => (apiserverMinor >= 28 ? 3 : 2);

/** The minor of a version string ('v1.33.4', 'v1.33.4-eks-1a2b', '1.33+'), or undefined. */
export function minorOf(version: string | undefined): number | undefined {
  const m = /^v?1\.(\d+)/.exec(version ?? '');
  return m ? Number(m[1]) : undefined;
}

/** A YYYY-MM-DD date (or an ISO timestamp's date part) from the asOf option, or undefined when it is not one. */
export function dateOf(value: unknown): string | undefined {
  const m = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(value) : null;
  return m?.[1] !== undefined && !Number.isNaN(Date.parse(m[1])) ? m[1] : undefined;
}

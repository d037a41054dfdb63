/** Benchmark profiles (benchmarks/*.yaml): controls with ids and titles that reference checks by id. */
import type { Severity } from './severity.js';

export type ControlType = 'automated' | 'manual';

/**
 * Where a control's evidence lives. `control-plane` controls are not-applicable on managed
 * platforms; `node-host` controls need the node agent (file modes, process arguments).
 */
export type ControlScope = 'cluster' | 'control-plane' | 'node-host';

export interface ProfileControl {
  id: string;
  title: string;
  type: ControlType;
  severity?: Severity;
  checks: string[];
  /**
   * Checks whose outcome is shown as evidence on the control (manual controls: what the API shows a
   * reviewer) without judging it: their findings never make the control fail.
   */
  evidence?: string[];
  /** What a reviewer does, for manual controls (and as context for automated ones). */
  guidance?: string;
  scope?: ControlScope;
  /** Why this control has no automated check yet (shown as its not-assessed reason). */
  notAssessedReason?: string;
}

export interface ProfileSection {
  id: string;
  title: string;
  /** The security practice the section serves (kaudit-hardening), shown in its generated doc. */
  practice?: string;
  scope?: ControlScope;
  controls: ProfileControl[];
}

export interface Profile {
  id: string;
  title: string;
  version: string;
  source: string;
  description?: string;
  sections: ProfileSection[];
}

export interface VersionMapEntry {
  /** Kubernetes minors, e.g. ['1.32', '1.33', '1.34']. */
  minors: string[];
  profile: string;
}

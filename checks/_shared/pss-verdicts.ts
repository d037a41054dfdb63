/**
 * Which Pod Security Standards controls reject a pod spec subject: judged once per subject, level
 * and policy version, and shared by every consumer. The pss-* checks (one control each), the
 * namespace what-if (every control of a level) and the exposure checks (baseline) ask the same
 * questions of the same 50,000 workloads at 150,000 pods; most answers are "allowed", so a check
 * re-evaluates a control only where the shared answer says it rejects (to report its violations).
 */
import { scanCache, type ScanCache } from '../../src/core/scan-cache.js';
import { controlsFor, formatPssVersion, type PssControl, type PssLevel, type PssVersion } from '../../src/pss/index.js';
import type { PodSpecSubject } from './workloads.js';

interface LevelPlan {
  controls: readonly PssControl[];
  /** Bit i of an answer: controls[i] rejects. */
  answers: ScanCache<PodSpecSubject, number>;
}

// A few plans (levels × versions asked), each with its per-subject answers (a small integer, not a
// list). Found by the version object first: this is asked once per subject and check.
const plans = new Map<string, LevelPlan>();
const latestPlans = new Map<PssLevel, LevelPlan>();
const versionPlans = new Map<PssLevel, WeakMap<object, LevelPlan>>();

/** The controls a level judges at a version, in controlsFor order (the bit order of rejectingControls). */
export function levelControls(level: PssLevel, v: PssVersion): readonly PssControl[] {
  return planOf(level, v).controls;
}

function planOf(level: PssLevel, v: PssVersion): LevelPlan {
  if (v === 'latest') {
    let plan = latestPlans.get(level);
    if (!plan) latestPlans.set(level, (plan = planByKey(level, v)));
    return plan;
  }
  let byObject = versionPlans.get(level);
  if (!byObject) versionPlans.set(level, (byObject = new WeakMap()));
  let plan = byObject.get(v);
  if (!plan) byObject.set(v, (plan = planByKey(level, v)));
  return plan;
}

function planByKey(level: PssLevel, v: PssVersion): LevelPlan {
  const key = `${level} ${formatPssVersion(v)}`;
  let plan = plans.get(key);
  if (!plan) {
    const controls = controlsFor(level, v);
    if (controls.length > 31) throw new Error(`${key}: ${controls.length} controls do not fit an answer mask`);
    plans.set(key, (plan = { controls, answers: scanCache() }));
  }
  return plan;
}

/** Bit mask over levelControls(level, v): bit i set when control i rejects the subject's pod. */
export function rejectingControls(s: PodSpecSubject, level: PssLevel, v: PssVersion): number {
  const { controls, answers } = planOf(level, v);
  let mask = answers.get(s);
  if (mask === undefined) {
    mask = 0;
    for (let i = 0; i < controls.length; i++) if (!controls[i]!.evaluate(s.meta, s.spec, v).allowed) mask |= 1 << i;
    answers.set(s, mask);
  }
  return mask;
}

/** The ids of the controls of a level that reject the subject's pod, in controlsFor order. */
export function rejectingControlIds(s: PodSpecSubject, level: PssLevel, v: PssVersion): string[] {
  const mask = rejectingControls(s, level, v);
  return mask
    ? levelControls(level, v)
        .filter((_, i) => mask & (1 << i))
        .map((c) => c.id)
    : [];
}

/** The registered checks and shipped profiles, validated against each other. */
import type { AnyCheck } from '../core/check.js';
import { UsageError } from '../core/errors.js';
import type { Profile } from '../core/profile.js';
import { CHECKS } from '../../checks/index.js';
import { shippedProfilesFor } from '../profiles/load.js';

export interface Catalog {
  checks: ReadonlyMap<string, AnyCheck>;
  profiles: Profile[];
}

let catalog: Catalog | undefined;

export function loadCatalog(): Catalog {
  catalog ??= { checks: new Map(CHECKS.map((c) => [c.meta.id, c])), profiles: shippedProfilesFor(CHECKS.map((c) => c.meta.id)) };
  return catalog;
}

/** The catalog's text per check, for SARIF rules. */
export const checkInfo = () => new Map([...loadCatalog().checks].map(([id, c]) => [id, c.meta]));

/** Splits comma lists and validates check ids: an unknown id is bad input, never an empty run. */
export function parseCheckIds(flag: string, values: string[] | undefined, checks: ReadonlyMap<string, AnyCheck>): Set<string> | undefined {
  if (!values?.length) return undefined;
  const ids = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (!ids.length) throw new UsageError(`${flag}: name at least one check id (see \`kaudit checks\`)`);
  const unknown = ids.filter((id) => !checks.has(id));
  if (unknown.length)
    throw new UsageError(
      `${flag}: unknown check id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (see \`kaudit checks\`)`,
    );
  return new Set(ids);
}

/**
 * Which workloads the outside world reaches: a Service exposed as exposure.ts judges it (LoadBalancer,
 * NodePort, externalIPs) selecting their pods,
 * or an Ingress routing to a Service that selects them. Used to rank workloads that carry dangerous
 * service accounts (an exposed one is the likelier entry point). Services are indexed by namespace
 * once, so the cost is one pass over workloads times the Services of their namespace.
 */
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import { scanCache } from '../../src/core/scan-cache.js';
import type { Service } from '../../src/core/k8s.js';
import { mapSelectorMatches } from '../../src/core/label-selector.js';
import { externalExposure, ingressBackends } from './exposure.js';
import type { PodSpecSubject } from './workloads.js';

export const EXPOSURE_KEYS: readonly InventoryKey[] = ['services', 'ingresses'];

interface ExposedService {
  service: Service;
  /** "Service shop/web (LoadBalancer)", "Ingress shop/web → Service shop/web". */
  how: string[];
}

const cache = scanCache<object, { ingresses: object; exposed: Map<string, ExposedService[]> }>();

/** Exposed Services by namespace, built once per Inventory. */
function exposedServices(inv: Pick<Inventory, 'services' | 'ingresses'>): Map<string, ExposedService[]> {
  const known = cache.get(inv.services);
  if (known?.ingresses === inv.ingresses) return known.exposed;
  const out = new Map<string, ExposedService[]>();
  const byName = new Map<string, ExposedService>();
  const entry = (svc: Service): ExposedService => {
    const key = `${svc.metadata.namespace ?? ''}/${svc.metadata.name}`;
    let e = byName.get(key);
    if (!e) {
      byName.set(key, (e = { service: svc, how: [] }));
      const ns = svc.metadata.namespace ?? '';
      const list = out.get(ns);
      if (list) list.push(e);
      else out.set(ns, [e]);
    }
    return e;
  };
  const services = new Map(inv.services.map((s) => [`${s.metadata.namespace ?? ''}/${s.metadata.name}`, s]));
  for (const svc of inv.services) {
    const how = externalExposure(svc);
    if (how) entry(svc).how.push(`Service ${svc.metadata.namespace}/${svc.metadata.name} (${how})`);
  }
  for (const ing of inv.ingresses) {
    for (const name of new Set(ingressBackends(ing))) {
      const svc = services.get(`${ing.metadata.namespace ?? ''}/${name}`);
      if (svc) entry(svc).how.push(`Ingress ${ing.metadata.namespace}/${ing.metadata.name} → Service ${svc.metadata.namespace}/${name}`);
    }
  }
  cache.set(inv.services, { ingresses: inv.ingresses, exposed: out });
  return out;
}

/** How a workload is exposed (empty when it is not): the Services and Ingresses that reach its pods. */
export function exposureOf(inv: Pick<Inventory, 'services' | 'ingresses'>, subject: Pick<PodSpecSubject, 'object' | 'meta'>): string[] {
  const candidates = exposedServices(inv).get(subject.object.metadata.namespace ?? '') ?? [];
  return candidates
    .filter((e) => mapSelectorMatches(e.service.spec?.selector as Record<string, string> | undefined, subject.meta.labels))
    .flatMap((e) => e.how);
}

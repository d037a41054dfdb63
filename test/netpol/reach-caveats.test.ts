import { describe, expect, it } from '@jest/globals';
import { findEndpoint, whoCanReach } from '../../checks/_shared/netpol-reach.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';

// db (namespace data) admits everything; app (namespace front) may leave only through a Cilium policy
// with an egressDeny section and a toFQDNs rule; front also holds a policy kaudit cannot read.
const text = `
apiVersion: v1
kind: Namespace
metadata: {name: data}
---
apiVersion: v1
kind: Namespace
metadata: {name: front}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: data, labels: {app: db}}
spec: {containers: [{name: db, image: example.com/db:1}]}
---
apiVersion: v1
kind: Pod
metadata: {name: app, namespace: front, labels: {app: web}}
spec: {containers: [{name: app, image: example.com/app:1}]}
---
apiVersion: v1
kind: Pod
metadata: {name: other, namespace: front, labels: {app: other}}
spec: {containers: [{name: other, image: example.com/other:1}]}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: app-egress, namespace: front}
spec:
  endpointSelector: {matchLabels: {app: web}}
  egress: [{toEntities: [cluster]}, {toFQDNs: [{matchName: example.com}]}]
  egressDeny: [{toCIDR: [10.0.0.0/8]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: other-egress, namespace: front}
spec:
  endpointSelector: {matchLabels: {app: other}}
  egress: [{toEndpoints: [{matchLabels: {app: nowhere}}], toFQDNs: [{matchName: example.org}]}]
---
apiVersion: crd.projectcalico.org/v1
kind: NetworkPolicy
metadata: {name: unreadable, namespace: front}
spec: {selector: "app = 'x'"}
`;

describe('netpol reach caveats', () => {
  it("name the listed sources' egress approximations and their namespace's unreadable policies, once each", () => {
    const inv = inventoryFromManifests([{ name: 'reach.yaml', text }]).inventory;
    const answer = whoCanReach(inv, findEndpoint(inv, 'data/db')!, 5432);
    // other may not reach db (its egress admits app=nowhere only): its policy's notes are not caveats of this answer.
    expect(answer.sources.map((s) => [`${s.namespace}/${s.name}`, s.egress])).toEqual([
      ['data/db', 'not isolated for egress'],
      ['front/app', 'CiliumNetworkPolicy front/app-egress egress rule 0'],
    ]);
    expect(answer.caveats).toEqual([
      'Calico NetworkPolicy front/unreadable not understood (selector "app = \'x\'": expected an operator after label "app" at character 5): counted as selecting nothing',
      'CiliumNetworkPolicy front/app-egress: egressDeny rules isolate; what they deny is not subtracted from what allow rules admit',
      'CiliumNetworkPolicy front/app-egress: toFQDNs is not modelled',
    ]);
  });
});

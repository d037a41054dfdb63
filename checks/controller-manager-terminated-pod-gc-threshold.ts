import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-controller-manager',
  rule: flagsSet('terminated-pod-gc-threshold'),
  meta: {
    id: 'controller-manager-terminated-pod-gc-threshold',
    title: 'The controller manager sets a terminated-pod garbage-collection threshold',
    description:
      'Terminated pods are only garbage-collected once their number exceeds --terminated-pod-gc-threshold, 12500 by default; until then they fill etcd and slow lists and watches. CIS asks for a threshold chosen for the cluster. Fails when --terminated-pod-gc-threshold is unset; its value needs human judgement.',
    severity: 'low',
    remediation: `Set --terminated-pod-gc-threshold to a value suited to the cluster (e.g. 10 for small clusters, a few thousand for large ones) in the kube-controller-manager static pod manifest (${manifestPath('kube-controller-manager')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.3.1',
      'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-garbage-collection',
    ],
    example: staticPodExample('kube-controller-manager', [
      '--kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--use-service-account-credentials=true',
    ]),
  },
});

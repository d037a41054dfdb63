import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagsSet('encryption-provider-config'),
  meta: {
    id: 'apiserver-encryption-provider',
    title: 'Secrets are encrypted at rest in etcd',
    description:
      'Without --encryption-provider-config, Secrets are stored in etcd in plain text (base64): anyone with an etcd backup or disk snapshot reads every credential in the cluster. Fails when --encryption-provider-config is unset. Which providers the file configures (CIS 1.2.28: aescbc, kms or secretbox, not identity first) needs the file, which kaudit cannot read.',
    severity: 'high',
    remediation: `Write an EncryptionConfiguration (apiserver.config.k8s.io/v1) with a kms v2 or aescbc/secretbox provider for secrets, set --encryption-provider-config=/etc/kubernetes/enc/encryption-config.yaml in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes) with the file mounted, then rewrite existing Secrets (kubectl get secrets -A -o json | kubectl replace -f -).`,
    references: ['CIS Kubernetes Benchmark 1.2.27', 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/'],
    example: staticPodExample('kube-apiserver', ['--authorization-mode=Node,RBAC']),
  },
});

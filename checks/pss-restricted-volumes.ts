import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-restricted-volumes',
  control: 'restrictedVolumes',
  title: 'Pods use only the allowed volume types (PSS restricted)',
  description:
    'Pod Security Standards restricted control "Volume Types". Only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes are allowed; inline network or cloud volumes (nfs, iscsi, rbd, awsElasticBlockStore, ...) and hostPath bypass the storage the cluster administrator provisions. In a restricted policy this control replaces the baseline hostPath rule, so it also reports hostPath volumes.',
  severity: 'high',
  remediation:
    'Replace inline volume sources with a PersistentVolumeClaim (bound to a PersistentVolume or a StorageClass the administrator manages), an ephemeral volume, or a CSI driver; replace hostPath with emptyDir or a PVC.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: reports, namespace: shop}
spec:
  containers:
  - name: app
    image: busybox:1.36
    volumeMounts: [{name: share, mountPath: /data}]
  volumes:
  - name: share
    nfs: {server: nfs.example.com, path: /exports/reports}`,
});

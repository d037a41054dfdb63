import { describe, it } from '@jest/globals';
import check from '../../checks/secrets-external-manager.js';
import { deployment } from './hardening-yaml.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('secrets-external-manager', () => {
  const deploy = (annotations = '{}') => deployment('shop', 'api', "[{name: api, image: 'api:1'}]", `, annotations: ${annotations}`);
  new CheckTester(check).register(
    {
      pass: [
        {
          name: 'an ExternalSecret',
          yaml: 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: db, namespace: shop}\nspec: {secretStoreRef: {name: vault, kind: ClusterSecretStore}}\n',
        },
        {
          name: 'a SecretProviderClass',
          yaml: 'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata: {name: kv, namespace: shop}\nspec: {provider: azure, parameters: {keyvaultName: kv}}\n',
        },
        {
          name: 'a SealedSecret',
          yaml: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: db, namespace: shop}\nspec: {encryptedData: {password: AgB}}\n',
        },
        { name: 'Vault Agent Injector annotations', yaml: deploy('{vault.hashicorp.com/agent-inject: "true"}') },
      ],
      fail: [
        {
          name: 'nothing installed',
          yaml: deploy(),
          findings: [
            {
              messageId: 'none',
              resource: 'Cluster/cluster',
              message:
                'No external secret manager is in use (External Secrets, Secrets Store CSI and Sealed Secrets not installed; no injector annotations)',
            },
          ],
        },
        {
          name: 'External Secrets served, unused',
          yaml:
            deploy() +
            'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: externalsecrets.external-secrets.io}\nspec: {group: external-secrets.io, names: {plural: externalsecrets}, versions: [{name: v1, served: true}]}\n',
          findings: [
            {
              messageId: 'none',
              resource: 'Cluster/cluster',
              observed: 'served without objects: externalSecrets; no injector annotations',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'SealedSecrets forbidden',
          yaml: deploy(),
          inventory: (inv) => inv.coverage.push({ key: 'sealedSecrets', kind: 'SealedSecret', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

import { UsageError } from '../../core/errors.js';
import { packageRoot, toolVersion } from '../../io/package-root.js';
import { checkInstallOptions, installManifests, manifestsYaml, type InstallOptions } from '../install-manifests.js';
import type { Io } from '../io.js';
import { typedCommand } from '../options.js';
import { loadCatalog } from '../../pipeline/registry.js';
import { clusterNameArg } from '../../pipeline/run-scan.js';

/** Prints what deploy/kustomize/base installs, for people without the repository. kaudit itself applies nothing. */
export function installCommand(io: Io) {
  return typedCommand({
    command: 'install',
    describe: 'Print the in-cluster manifests (Namespace, read-only RBAC, CronJob, NetworkPolicy) to pipe into kubectl apply',
    builder: (y) =>
      y
        .option('print', { type: 'boolean', describe: 'Print the manifests on stdout (required: kaudit never writes to a cluster)' })
        .option('namespace', { alias: 'n', type: 'string', describe: 'Namespace to install into (default: kaudit)' })
        .option('schedule', { type: 'string', describe: 'Cron schedule of the scan (default: "0 3 1 * *", monthly)' })
        .option('image', { type: 'string', describe: 'kaudit image, ideally pinned by digest (registry/kaudit:TAG@sha256:...)' })
        .option('profiles', {
          type: 'string',
          array: true,
          describe: 'Profiles the CronJob scores (comma list or repeated; default: cis-1.12 and pss-restricted)',
        })
        .option('with-node-agent', {
          type: 'boolean',
          describe:
            'Add the node agent DaemonSet (own privileged namespace kaudit-node) and the Role to read its reports: CIS node-host controls become assessable',
        })
        .option('cluster-name', {
          type: 'string',
          describe:
            "Name of this cluster in its reports, file names and Pushgateway group (the CronJob's KAUDIT_CLUSTER_NAME; default: inClusterContext, the same in every cluster)",
        })
        .example('$0 install --print --image registry.example.com/kaudit:0.1.0 | kubectl apply -f -', 'install with your image')
        .example('$0 install --print --namespace audit --schedule "0 4 * * 0" > kaudit.yaml', 'weekly, in namespace audit')
        .example(
          '$0 install --print --cluster-name prod-eu-1 | kubectl --context prod-eu-1 apply -f -',
          'reports and Pushgateway series named by the cluster',
        ),
    handler: (argv) => {
      if (!argv.print)
        throw new UsageError(
          'kaudit never writes to a cluster: use `kaudit install --print | kubectl apply -f -` (or kubectl apply -k deploy/kustomize/base)',
        );
      const opts: InstallOptions = {
        namespace: argv.namespace,
        schedule: argv.schedule,
        image: argv.image,
        profiles: argv.profiles
          ?.flatMap((p) => p.split(','))
          .map((p) => p.trim())
          .filter(Boolean),
        clusterName: clusterNameArg(argv.clusterName, {}),
        withNodeAgent: argv.withNodeAgent,
      };
      checkInstallOptions(opts, new Set(loadCatalog().profiles.map((p) => p.id)));
      io.out(
        manifestsYaml(
          installManifests(packageRoot(), opts),
          `# kaudit ${toolVersion()}: kubectl apply -f - (the same manifests as deploy/kustomize/base${opts.withNodeAgent ? ' with components/node-agent' : ''}; docs/deploy.md)`,
        ),
      );
    },
  });
}

import { defineCheck, notAssessed } from '../src/core/check.js';
import { mustExist } from '../src/core/errors.js';
import { clusterRef, clusterSubject, type ClusterSubject } from './_shared/cluster.js';
import { dateOf, KUBERNETES_RELEASES, minorOf, RELEASE_TABLE_DATE, type MinorRelease } from './_shared/kubernetes-releases.js';

interface Facts {
  gitVersion: string;
  release: MinorRelease;
  asOf: string;
}

export default defineCheck({
  meta: {
    id: 'cluster-supported-release',
    title: 'The control plane runs a Kubernetes minor release that is still supported upstream',
    description:
      "A minor release past its end of support gets no security fixes. Rule: the minor of the API server's version (GET /version) is looked up in kaudit's dated table of Kubernetes releases (checks/_shared/kubernetes-releases.ts, shown in the evidence); it fails when its end of support is before the scan date (`--as-of DATE`, default today). A minor newer than the table, or an unreadable version, is not assessed. Managed offerings (EKS, GKE, AKS) support minors longer than upstream: their own calendar decides there, so waive with a reason if your provider still supports yours.",
    severity: 'high',
    requires: ['version'],
    messages: {
      endOfSupport:
        'Kubernetes {{version}}: 1.{{minor}} reached its end of support on {{endOfSupport}} (release table of {{tableDate}}, as of {{asOf}})',
    },
    remediation:
      'Upgrade the control plane, then the nodes, one minor at a time to a supported release (kubernetes.io/releases); plan upgrades before the end-of-support date.',
    references: [
      'https://kubernetes.io/releases/',
      'https://kubernetes.io/releases/patch-releases/#support-period',
      'NSA/CISA Kubernetes Hardening Guide: upgrading and application security practices',
    ],
    options: {
      defaults: { asOf: RELEASE_TABLE_DATE },
      schema: {
        type: 'object',
        properties: {
          asOf: {
            type: 'string',
            description:
              'Judge support as of this date (YYYY-MM-DD); the CLI sets it from --as-of (default today); without the CLI, the table date',
          },
        },
        additionalProperties: false,
      },
    },
    example: `# GET /version answers {major: "1", minor: "30", gitVersion: v1.30.14}; 1.30 left support on 2025-06-28
apiVersion: v1
kind: Node
metadata: {name: cp-1}
status: {nodeInfo: {kubeletVersion: v1.30.14}}`,
  },
  select(inv, options) {
    const asOf = dateOf(options.asOf);
    if (!asOf) return notAssessed('no scan date to judge support against (set --as-of YYYY-MM-DD)');
    const gitVersion = inv.version?.gitVersion;
    const minor = inv.version?.major === '1' ? minorOf(`1.${inv.version.minor}`) : minorOf(gitVersion);
    if (minor === undefined || !gitVersion) return notAssessed(`the server version could not be read (${gitVersion ?? 'none'})`);
    const release = KUBERNETES_RELEASES.find((r) => r.minor === minor);
    if (!release) {
      const newest = mustExist(KUBERNETES_RELEASES.at(-1), 'the newest release');
      if (minor > newest.minor)
        return notAssessed(
          `Kubernetes ${gitVersion} is newer than kaudit's release table of ${RELEASE_TABLE_DATE} (up to 1.${newest.minor}): update kaudit`,
        );
      return [
        clusterSubject<Facts>({
          gitVersion,
          release: { minor, released: '', endOfSupport: `before ${KUBERNETES_RELEASES[0].endOfSupport}` },
          asOf,
        }),
      ];
    }
    return [clusterSubject<Facts>({ gitVersion, release, asOf })];
  },
  resourceOf: () => clusterRef(),
  evaluate(s: ClusterSubject<Facts>, ctx) {
    const { gitVersion, release, asOf } = s.facts;
    const ended = release.endOfSupport.startsWith('before') || release.endOfSupport < asOf;
    if (!ended) return;
    ctx.report({
      messageId: 'endOfSupport',
      data: { version: gitVersion, minor: release.minor, endOfSupport: release.endOfSupport, tableDate: RELEASE_TABLE_DATE, asOf },
      path: '/version/minor',
      observed: `1.${release.minor} (${gitVersion}), support ended ${release.endOfSupport}`,
      expected: `a minor supported on ${asOf}: ${
        KUBERNETES_RELEASES.filter((r) => r.endOfSupport >= asOf)
          .map((r) => `1.${r.minor}`)
          .join(', ') || 'none in the table (update kaudit)'
      }`,
    });
  },
});

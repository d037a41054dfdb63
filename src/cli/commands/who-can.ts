import Table from 'cli-table3';
import { UsageError } from '../../core/errors.js';
import { terminalLine, terminalText } from '../../core/terminal-text.js';
import { RBAC_KEYS } from '../../../checks/_shared/rbac-index.js';
import { describeMatch } from '../../../checks/_shared/rbac-wording.js';
import { identityLabel } from '../../../checks/_shared/rbac-identities.js';
import { whoCan, whoCanJson, type AuthzRequest } from '../../../checks/_shared/rbac-who-can.js';
import type { Io } from '../io.js';
import { INCOMPLETE_EXIT, listFormat, listFormatOption, unreadData } from './list-format.js';
import { sourceArgs, sourceOptions, stderrLog, typedCommand } from '../options.js';
import { loadInventory } from '../../pipeline/source.js';

/**
 * The request a command line names: RESOURCE is `secrets`, `deployments.apps`, `pods/exec`,
 * `certificatesigningrequests.certificates.k8s.io/approval` or a non-resource URL (`/metrics`).
 */
export function parseRequest(
  verb: string,
  resource: string,
  a: { namespace?: string; subresource?: string; name?: string; apiGroup?: string },
): AuthzRequest {
  if (!verb) throw new UsageError('who-can: name a verb (get, list, create, ...)');
  if (resource.startsWith('/')) {
    if (a.namespace || a.subresource || a.name || a.apiGroup !== undefined)
      throw new UsageError(`who-can: ${resource} is a non-resource URL: --namespace, --subresource, --name and --api-group do not apply`);
    return { verb, path: resource };
  }
  const [qualified, sub, ...extra] = resource.split('/');
  if (!qualified || extra.length || (sub !== undefined && !sub))
    throw new UsageError(`who-can: "${resource}" is not a resource (RESOURCE[.GROUP][/SUBRESOURCE], or a URL path starting with /)`);
  if (sub && a.subresource && sub !== a.subresource)
    throw new UsageError(`who-can: subresource given twice (${sub} and --subresource ${a.subresource})`);
  const dot = qualified.indexOf('.');
  const name = dot < 0 ? qualified : qualified.slice(0, dot);
  const group = a.apiGroup ?? (dot < 0 ? '' : qualified.slice(dot + 1));
  return { verb, resource: name, group, subresource: sub ?? a.subresource, name: a.name, namespace: a.namespace };
}

const requestText = (r: AuthzRequest): string =>
  r.resource === undefined
    ? `${r.verb} ${r.path}`
    : `${r.verb} ${r.resource}${r.group ? `.${r.group}` : ''}${r.subresource ? `/${r.subresource}` : ''}${r.name ? ` ${r.name}` : ''} ${r.namespace ? `in namespace ${r.namespace}` : 'cluster-wide'}`;

export function whoCanCommand(io: Io, setExitCode: (code: number) => void) {
  return typedCommand({
    command: 'who-can <verb> <resource>',
    describe: 'Every subject RBAC allows a request, with the binding, role and rule that grant it',
    builder: (y) =>
      listFormatOption(sourceOptions(y))
        .positional('verb', {
          type: 'string',
          describe: 'get, list, watch, create, update, patch, delete, deletecollection, bind, escalate, impersonate, approve, ...',
        })
        .positional('resource', {
          type: 'string',
          describe: 'RESOURCE[.GROUP][/SUBRESOURCE] (plural, as in rules: secrets, deployments.apps, pods/exec) or a URL path (/metrics)',
        })
        .describe(
          'namespace',
          'Namespace of the request (default: none, i.e. cluster-scoped or all namespaces at once, which only ClusterRoleBindings grant)',
        )
        .option('all-namespaces', {
          alias: 'A',
          type: 'boolean',
          describe: 'Also RoleBindings of every namespace: who can, in some namespace',
        })
        .option('subresource', { type: 'string', describe: 'Subresource (exec, log, token, proxy, approval, ...)' })
        .option('name', { type: 'string', describe: 'Object name (rules with resourceNames grant only requests that name one)' })
        .option('api-group', { type: 'string', describe: "API group ('' for the core group; default: from RESOURCE.GROUP, else core)" })
        .example('$0 who-can get secrets -n payments', 'who can read the secrets of namespace payments')
        .example('$0 who-can create pods/exec -A', 'who can exec into pods somewhere')
        .example('$0 who-can impersonate groups --name system:masters', 'who can become system:masters')
        .example('$0 who-can get /metrics --manifests rbac/', 'non-resource URLs, from manifests'),
    handler: async (a) => {
      const namespaces = a.namespace ?? [];
      if (namespaces.length > 1) throw new UsageError('who-can: one --namespace at most (the namespace of the request)');
      if (namespaces.length && a.allNamespaces) throw new UsageError('who-can: --namespace and --all-namespaces cannot be combined');
      const request = parseRequest(String(a.verb ?? ''), String(a.resource ?? ''), {
        namespace: namespaces[0],
        subresource: a.subresource,
        name: a.name,
        apiGroup: a.apiGroup,
      });
      // The request's namespace is not a collection filter: ClusterRoleBindings and every RoleBinding of it are needed.
      const { inventory } = await loadInventory({ ...sourceArgs(a), namespace: undefined }, RBAC_KEYS, stderrLog(io.err));
      const unread = unreadData(inventory, RBAC_KEYS, io);
      if (unread.length) setExitCode(INCOMPLETE_EXIT);
      const entries = whoCan(inventory, request, { allNamespaces: a.allNamespaces });
      const format = listFormat(a, io);
      if (format === 'json') {
        io.out(
          JSON.stringify({ request, subjects: entries.map(whoCanJson), ...(unread.length ? { incomplete: unread } : {}) }, null, 2) + '\n',
        );
      } else {
        const table = new Table({ head: ['Subject', 'Granted by'], style: { head: [], border: [] }, wordWrap: true, colWidths: [44, 90] });
        for (const e of entries) {
          // Only the verbs and resources of each rule that grant this request (all of a non-resource rule).
          const shown =
            request.resource === undefined
              ? undefined
              : [
                  {
                    verb: request.verb,
                    group: request.group ?? '',
                    resource: request.resource,
                    subresource: request.subresource,
                    name: request.name,
                  },
                ];
          const via = e.grants.map(
            (g) =>
              `${g.sb.binding.kind} ${g.sb.binding.metadata.namespace ? `${g.sb.binding.metadata.namespace}/` : ''}${g.sb.binding.metadata.name} → ${describeMatch(g.sb, { effective: g.rule }, shown)}`,
          );
          table.push([terminalText(identityLabel(e.identity)), via.map(terminalText).join('\n')]);
        }
        if (entries.length) io.out(table.toString() + '\n');
      }
      io.err(
        `kaudit: ${terminalLine(`${entries.length} subject${entries.length === 1 ? '' : 's'} can ${requestText(request)}${a.allNamespaces ? ' (RoleBindings of every namespace included)' : ''}`)}\n`,
      );
    },
  });
}

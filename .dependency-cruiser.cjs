/**
 * The import rules of docs/architecture.md, enforced by `npm run lint` (dependency-cruiser).
 * Each folder of src/ may import core and itself; the table in docs/architecture.md says which more.
 */
const only = (from, allowed) => ({
  name: `${from.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}-imports`,
  comment: `${from} may import only ${allowed.join(', ')} (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^${from}` },
  to: { path: '^(src|checks|reports|bench|scripts|test)/', pathNot: allowed.map((a) => `^${a}`) },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'modules form no import cycle', severity: 'error', from: {}, to: { circular: true } },
    only('src/core/', ['src/core/']),
    only('src/io/', ['src/core/', 'src/io/']),
    only('src/cluster/', ['src/core/', 'src/cluster/']),
    only('src/offline/', ['src/core/', 'src/io/', 'src/offline/']),
    only('src/node/', ['src/core/', 'src/io/', 'src/node/']),
    only('src/apiserver/', ['src/core/', 'src/apiserver/']),
    only('src/engine/', ['src/core/', 'src/engine/']),
    only('src/profiles/', ['src/core/', 'src/io/', 'src/profiles/']),
    only('src/demo/', ['src/core/', 'src/io/', 'src/offline/', 'src/demo/']),
    only('src/fleet/', ['src/core/', 'src/fleet/']),
    only('src/testing/', ['src/core/', 'src/io/', 'src/engine/', 'src/offline/', 'src/testing/']),
    only('src/pss/', ['src/core/', 'src/pss/']),
    only('src/pipeline/', [
      'src/core/',
      'src/cluster/',
      'src/offline/',
      'src/engine/',
      'src/profiles/',
      'src/pss/',
      'src/io/',
      'src/pipeline/',
      'checks/',
    ]),
    only('checks/_shared/', ['src/core/', 'src/pss/', 'checks/_shared/']),
    only('checks/(?!_shared/)', ['src/core/', 'src/pss/', 'checks/']),
    only('reports/', ['src/core/', 'src/io/', 'reports/']),
    {
      name: 'core-does-no-file-io',
      comment: 'src/core is pure: files are read and written by src/io (and the folders that own their files), never by core',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?fs(/promises)?$' },
    },
    {
      name: 'nothing-imports-cli',
      comment:
        'src/cli only parses flags, wires and maps errors to exit codes; nothing else imports it (bench, scripts and tests use src/pipeline)',
      severity: 'error',
      from: { path: '^(src/(?!cli/)|checks|reports|bench|scripts)' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'client-node-only-in-cluster',
      comment:
        'only src/cluster talks to Kubernetes through @kubernetes/client-node (the loopback server reads its model metadata for OpenAPI documents)',
      severity: 'error',
      from: { path: '^(src/(?!cluster/)|checks|reports|bench|scripts)', pathNot: '^src/apiserver/openapi[.]ts$' },
      to: { path: '@kubernetes/client-node' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};

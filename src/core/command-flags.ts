/** Command lines as the components read them: the flags of a control-plane static pod, a node process, a kube-proxy container. */

/** `--a=b --c d --e` → {a: 'b', c: 'd', e: 'true'}. The binary name and other positional words are skipped. */
export function parseFlags(words: unknown[]): Record<string, string> {
  // Hand-written manifests may hold unquoted YAML scalars (false, 30): flags are strings.
  const argv = words.map(String);
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === undefined || !word.startsWith('--')) continue;
    const eq = word.indexOf('=');
    const following = argv[i + 1];
    if (eq > 0) flags[word.slice(2, eq)] = word.slice(eq + 1);
    else if (following !== undefined && !following.startsWith('-')) {
      flags[word.slice(2)] = following;
      i++;
    } else flags[word.slice(2)] = 'true';
  }
  return flags;
}

/**
 * Container image references, parsed the way the container runtime resolves them
 * (distribution/reference grammar): `[registry[:port]/]path[:tag][@digest]`.
 *
 * - The first path component is a registry only when it contains `.` or `:`, is `localhost`, or has
 *   an upper-case letter, and more components follow: `registry:5000/app` is the repository `app`
 *   on `registry:5000` with no tag, not the image `registry` with tag `5000/app`.
 * - A `:` is a tag separator only after the last `/`.
 * - `@` starts a digest (`algorithm:encoded`); `app:1.2@sha256:…` carries both, and the runtime pulls
 *   by the digest, so the tag is then only a label.
 * - No registry means Docker Hub, and a single Hub component lives under `library/`, so `nginx`,
 *   `docker.io/nginx`, `index.docker.io/library/nginx` and `docker.io/library/nginx` are one repository.
 */

export interface ImageRef {
  /** The reference as written (trimmed). */
  raw: string;
  /** Normalized registry host (with port), `docker.io` when none is named. */
  registry: string;
  /** Repository path inside the registry, `library/` added for official Hub images. */
  repository: string;
  /** The tag as written; undefined when the reference has none (the runtime then pulls `latest`). */
  tag?: string;
  /** A well-formed digest (`sha256:<64 hex>` and the like, see isWellFormedDigest); undefined when absent or malformed. */
  digest?: string;
  /** The text after `@` when it is not a well-formed digest. */
  malformedDigest?: string;
}

const DOCKER_HUB = 'docker.io';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * OCI image-spec digest grammar (descriptor.md, "Digests"):
 *
 *     digest    ::= algorithm ":" encoded
 *     algorithm ::= component ([+._-] component)*
 *     component ::= [a-z0-9]+
 *     encoded   ::= [a-zA-Z0-9=_-]+
 *
 * Registered algorithms also fix the alphabet and length of `encoded`: lowercase hex of the hash's
 * size. An algorithm not listed here is judged by the grammar alone.
 */
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const HEX_DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128, blake3: 64 };
const LOWER_HEX = /^[a-f0-9]+$/;

export function isWellFormedDigest(d: string): boolean {
  if (!DIGEST.test(d)) return false;
  const colon = d.indexOf(':');
  const [algorithm, encoded] = [d.slice(0, colon), d.slice(colon + 1)];
  const want = Object.hasOwn(HEX_DIGEST_LENGTHS, algorithm) ? HEX_DIGEST_LENGTHS[algorithm] : undefined;
  return want === undefined || (encoded.length === want && LOWER_HEX.test(encoded));
}

/** Parses an image reference; undefined for an empty or missing one. */
export function parseImageRef(image: unknown): ImageRef | undefined {
  if (typeof image !== 'string') return undefined;
  const raw = image.trim();
  if (!raw) return undefined;

  let name = raw;
  let digest: string | undefined;
  let malformedDigest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) {
    const d = name.slice(at + 1);
    name = name.slice(0, at);
    if (isWellFormedDigest(d)) digest = d;
    else malformedDigest = d;
  }

  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }

  let registry = DOCKER_HUB;
  let repository = name;
  const slash = name.indexOf('/');
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      registry = first;
      repository = name.slice(slash + 1);
    }
  }
  if (HUB_ALIASES.has(registry)) {
    registry = DOCKER_HUB;
    if (!repository.includes('/')) repository = `library/${repository}`;
  }

  const ref: ImageRef = { raw, registry, repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  if (malformedDigest !== undefined) ref.malformedDigest = malformedDigest;
  return ref;
}

/** `registry/repository`, the canonical repository name. */
export const repositoryName = (ref: ImageRef): string => `${ref.registry}/${ref.repository}`;

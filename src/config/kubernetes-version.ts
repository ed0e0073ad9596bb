/** The target cluster version when none is given: a recent release. */
export const DEFAULT_KUBERNETES_VERSION = '1.34';

/** Parses `1.30`, `v1.30` or `1.30.2` into [major, minor]; throws a usage error otherwise. */
export function parseKubernetesVersion(text: string): [number, number] {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(String(text).trim());
  if (!match) throw new Error(`Invalid Kubernetes version "${text}": expected MAJOR.MINOR, for example 1.30.`);
  return [Number(match[1]), Number(match[2])];
}

export function atLeast(version: readonly [number, number], major: number, minor: number): boolean {
  return version[0] > major || (version[0] === major && version[1] >= minor);
}

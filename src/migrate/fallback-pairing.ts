import { asArray, asObject, asString, type PlainObject } from '../model/values.js';
import { claimClass, classSettings } from '../model/storage-class.js';
import { nameOf } from './clean.js';
import type { SourceClaim } from './claims.js';
import type { Pairing } from './pairing.js';

/**
 * FALLBACK until the binding model (src/binding, `predictBindings`) is available on this branch: the PV controller's
 * choice for claims that neither an export nor a claimRef pairs (component-helpers pv_helpers.go `FindMatchingVolume`):
 * the class must be equal (an unset class means the default StorageClass), the selector must match the volume's labels,
 * the volume must hold the request and every requested access mode; the smallest such volume wins.
 * Standalone claims go first: a StatefulSet template's shared selector cannot say which replica owns which disk.
 */
export function fallbackPairing(claims: readonly SourceClaim[], volumes: readonly PlainObject[], objects: readonly PlainObject[]): Pairing[] {
  const defaultClass = defaultClassOf(objects);
  const free = volumes.filter((volume) => !asObject(asObject(volume['spec'])?.['claimRef']));
  const ordered = [...claims.filter((claim) => !claim.replica), ...claims.filter((claim) => claim.replica)];
  const pairings: Pairing[] = [];
  for (const claim of ordered) {
    const wanted = claimClassName(claim, defaultClass);
    if (wanted === undefined) continue;
    const request = quantityValue(asObject(asObject(claim.spec['resources'])?.['requests'])?.['storage']) ?? 0;
    const modes = asArray(claim.spec['accessModes']).filter((mode) => typeof mode === 'string');
    const selector = asObject(claim.spec['selector']);
    const candidates = free
      .filter((volume) => volumeClassName(volume) === wanted)
      .filter((volume) => !selector || selectorMatches(selector, asObject(asObject(volume['metadata'])?.['labels']) ?? {}))
      .filter((volume) => (capacityOf(volume) ?? -1) >= request)
      .filter((volume) => modes.every((mode) => asArray(asObject(volume['spec'])?.['accessModes']).includes(mode)))
      .sort((a, b) => (capacityOf(a) ?? 0) - (capacityOf(b) ?? 0));
    const volume = candidates[0];
    if (!volume) continue;
    free.splice(free.indexOf(volume), 1);
    const how = selector ? 'selector' : 'best-fit';
    const reason = selector
      ? `the claim's selector matches the labels of volume "${nameOf(volume)}"`
      : `volume "${nameOf(volume)}" is the smallest free volume of class "${wanted}" that fits the claim`;
    pairings.push({ claim, volume, how, reason });
  }
  return pairings;
}

function claimClassName(claim: SourceClaim, defaultClass: string | undefined): string | undefined {
  const resolved = claimClass(classSettings(claim.metadata, claim.spec));
  if (resolved.state === 'set') return resolved.value;
  if (resolved.state === 'unset') return defaultClass ?? '';
  return undefined;
}

function volumeClassName(volume: PlainObject): string {
  const resolved = claimClass(classSettings(volume['metadata'], volume['spec']));
  return resolved.state === 'set' ? resolved.value : '';
}

/** The StorageClass annotated as default (pkg/volume/util/storageclass.go `GetDefaultClass`: newest first, then by name). */
function defaultClassOf(objects: readonly PlainObject[]): string | undefined {
  const defaults = objects.filter((value) => {
    if (value['kind'] !== 'StorageClass') return false;
    const annotations = asObject(asObject(value['metadata'])?.['annotations']) ?? {};
    return annotations['storageclass.kubernetes.io/is-default-class'] === 'true' || annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  });
  return defaults.map(nameOf).sort()[0];
}

/** matchLabels and matchExpressions, ANDed (apimachinery labels/selector.go `Requirement.Matches`). */
export function selectorMatches(selector: PlainObject, labels: PlainObject): boolean {
  const matchLabels = asObject(selector['matchLabels']) ?? {};
  if (!Object.entries(matchLabels).every(([key, value]) => labels[key] === value)) return false;
  return asArray(selector['matchExpressions']).every((item) => {
    const expression = asObject(item) ?? {};
    const key = asString(expression['key']) ?? '';
    const values = asArray(expression['values']);
    const has = Object.hasOwn(labels, key);
    switch (expression['operator']) {
      case 'In':
        return has && values.includes(labels[key]);
      case 'NotIn':
        return !has || !values.includes(labels[key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

function capacityOf(volume: PlainObject): number | undefined {
  return quantityValue(asObject(asObject(volume['spec'])?.['capacity'])?.['storage']);
}

const SUFFIXES: Record<string, number> = {
  '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60, m: 1e-3,
};

/** A resource.Quantity as a number of bytes (approximate beyond 2^53; enough to order volumes by size). */
function quantityValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const match = typeof value === 'string' ? /^([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)(?:([eE][+-]?\d+)|([a-zA-Z]*))$/.exec(value) : null;
  if (!match) return undefined;
  if (match[2]) return Number(match[1] + match[2]);
  const factor = SUFFIXES[match[3] ?? ''];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

import type { LintMessage, LintResult } from '../engine/types.js';
import { asArray, asObject, asString, type PlainObject } from '../model/values.js';
import { claimClass, classSettings } from '../model/storage-class.js';
import { collectClaims } from './claims.js';
import { nameOf, namespaceOf } from './clean.js';
import { pairClaims } from './pairing.js';
import type { Binding } from './storage.js';
import { labelsOf, parseLabelSelector, selectorMatches, type Selector } from '../model/label-selector.js';
import { predictBindings } from '../binding/index.js';
import { asManifest } from './predicted-pairing.js';
import { firstBy, pushTo } from '../model/multimap.js';

export interface SelfCheckProblem {
  /** The output file (relative to --out), or `bindings`. */
  file: string;
  line?: number;
  column?: number;
  ruleId?: string;
  /** An error fails the migration (exit code 1); a warning is listed for the reviewer, as lint would. */
  severity: 'error' | 'warning';
  message: string;
  /** A suggestion of the rule that was not applied (no `--apply-suggestions`). */
  suggestion?: string;
}

/**
 * The lint findings left on the output after its fixes, at the severity each rule has in the recommended set. A
 * problem whose rule offers a suggestion that was not applied names it (`--apply-suggestions` applies it).
 */
export function lintProblems(results: readonly LintResult[], internalErrors: readonly string[]): SelfCheckProblem[] {
  const problems = results.flatMap((result) => result.messages.map((message: LintMessage): SelfCheckProblem => {
    const suggestion = message.suggestions?.[0]?.desc;
    return {
      file: result.filePath,
      line: message.line,
      column: message.column,
      ...(message.ruleId ? { ruleId: message.ruleId } : {}),
      severity: message.severity === 2 ? 'error' : 'warning',
      message: message.message,
      ...(suggestion && !message.fix ? { suggestion } : {}),
    };
  }));
  return [...problems, ...internalErrors.map((message): SelfCheckProblem => ({ file: '(lint)', severity: 'error', message }))];
}

/**
 * Checks that in the output every claim of the binding table gets its intended volume and nothing else can take it:
 * the claim and the volume agree on class (""), access modes, volume mode and size; each pin (claimRef, volumeName,
 * selector) names the other side; the claim's selector matches no other volume; no disk is under two volumes; and
 * pairing the output again, as for any input, gives the same table.
 */
export function checkBindings(objects: readonly PlainObject[], bindings: readonly Binding[]): SelfCheckProblem[] {
  const problems: SelfCheckProblem[] = [];
  const problem = (binding: Binding, message: string) => problems.push({ file: 'bindings', severity: 'error', message: `${binding.claim} → ${binding.volume}: ${message}` });
  const volumes = objects.filter((value) => value['kind'] === 'PersistentVolume');
  // Looked up, not scanned, for each binding: the first object of each name wins, as a scan would find it.
  const volumeNamed = firstBy(volumes, nameOf);
  const claimNamed = firstBy(
    objects.filter((value) => value['kind'] === 'PersistentVolumeClaim'),
    (value) => `${namespaceOf(value)}/${nameOf(value)}`,
  );
  const repaired = pairClaims(collectClaims(objects), objects);
  const repairedOf = firstBy(repaired, (pairing) => `${pairing.claim.namespace}/${pairing.claim.name}`);
  const selectable = new LabelIndex(volumes);
  for (const binding of bindings) {
    const volume = volumeNamed.get(binding.volume);
    const claim = claimNamed.get(binding.claim);
    if (!volume || !claim) {
      problem(binding, `the output lacks the ${volume ? 'claim' : 'volume'}`);
      continue;
    }
    const volumeSpec = asObject(volume['spec']) ?? {};
    const claimSpec = asObject(claim['spec']) ?? {};
    const claimClassValue = claimClass(classSettings(claim['metadata'], claimSpec));
    if (claimClassValue.state !== 'set' || claimClassValue.value !== '') problem(binding, 'the claim does not request class ""');
    if (volumeSpec['storageClassName'] !== '') problem(binding, 'the volume is not of class ""');
    if (volumeSpec['persistentVolumeReclaimPolicy'] !== 'Retain') problem(binding, 'the volume is not Retain');
    const modes = asArray(volumeSpec['accessModes']);
    if (!asArray(claimSpec['accessModes']).every((mode) => modes.includes(mode))) problem(binding, 'the claim asks for an access mode the volume lacks');
    if ((volumeSpec['volumeMode'] ?? 'Filesystem') !== (claimSpec['volumeMode'] ?? 'Filesystem')) problem(binding, 'volume modes differ');
    const capacity = asObject(volumeSpec['capacity'])?.['storage'];
    const request = asObject(asObject(claimSpec['resources'])?.['requests'])?.['storage'];
    if (String(capacity) !== String(request)) problem(binding, `the claim requests ${String(request)}, the volume holds ${String(capacity)}`);
    const claimRef = asObject(volumeSpec['claimRef']);
    if (claimRef && `${asString(claimRef['namespace'])}/${asString(claimRef['name'])}` !== binding.claim) problem(binding, 'the volume is reserved for another claim');
    if (claimRef?.['uid'] !== undefined) problem(binding, 'the claimRef carries a uid: the volume would stay Released');
    const volumeName = asString(claimSpec['volumeName']);
    if (volumeName !== undefined && volumeName !== binding.volume) problem(binding, `the claim names volume "${volumeName}"`);
    const parsed = claimSpec['selector'] === undefined ? undefined : parseLabelSelector(claimSpec['selector']);
    if (parsed && !parsed.ok) problem(binding, `the claim's selector is invalid: ${parsed.problems.join('; ')}`);
    if (parsed?.ok) {
      const selector = parsed.selector;
      const matching = selectable.matching(selector);
      if (!matching.includes(volume)) problem(binding, "the claim's selector does not match the volume's labels");
      if (matching.length > 1) problem(binding, `the claim's selector also matches ${matching.filter((value) => value !== volume).map(nameOf).join(', ')}`);
    }
    const again = repairedOf.get(binding.claim);
    if (again?.volume && nameOf(again.volume) !== binding.volume) problem(binding, `in the output the claim pairs with "${nameOf(again.volume)}"`);
    if (!again?.volume) problem(binding, 'in the output the claim pairs with no volume');
  }
  for (const { binding, message } of sharedDisks(bindings, volumeNamed)) problem(binding, message);
  problems.push(...checkPredictedBindings(objects, bindings));
  // A claim without data that still asks for class "" (a selector copied from the source, say) waits forever.
  const bound = new Set(bindings.map((binding) => binding.claim));
  for (const pairing of repaired) {
    const id = `${pairing.claim.namespace}/${pairing.claim.name}`;
    const resolved = claimClass(classSettings(pairing.claim.metadata, pairing.claim.spec));
    if (bound.has(id) || pairing.volume || resolved.state !== 'set' || resolved.value !== '') continue;
    const origin = pairing.claim.replica ? ` (replica ${pairing.claim.replica.ordinal} of StatefulSet ${pairing.claim.replica.statefulSet})` : '';
    problems.push({ file: 'bindings', severity: 'error', message: `${id}${origin} requests class "" but no free volume matches it: it stays Pending` });
  }
  return problems;
}

/**
 * A disk under two volumes of the output (an in-tree source and a CSI one naming the same disk, say) gets two claims,
 * and two pods may mount it at once: a filesystem that is not shared (no ReadWriteMany or ReadOnlyMany) is corrupted.
 */
function sharedDisks(bindings: readonly Binding[], volumeNamed: ReadonlyMap<string, PlainObject>): { binding: Binding; message: string }[] {
  const byDisk = new Map<string, Binding[]>();
  for (const binding of bindings) pushTo(byDisk, binding.disk.id, binding);
  const shareable = (binding: Binding) => asArray(asObject(volumeNamed.get(binding.volume)?.['spec'])?.['accessModes']).some((mode) => mode === 'ReadWriteMany' || mode === 'ReadOnlyMany');
  return [...byDisk.values()]
    .filter((sharing) => sharing.length > 1 && !sharing.every(shareable))
    .flatMap((sharing) =>
      sharing.map((binding) => ({
        binding,
        message: `its disk ${binding.disk.label} is also under ${sharing.filter((other) => other !== binding).map((other) => other.volume).join(', ')}: two pods writing one disk corrupt it; keep one claim on it`,
      })),
    );
}

/**
 * The binding model on the output: every claim of the table must bind its volume, with no room for chance (not
 * provisioned, not Pending, not decided by the order in which the controller takes the claims).
 */
function checkPredictedBindings(objects: readonly PlainObject[], bindings: readonly Binding[]): SelfCheckProblem[] {
  const entries = new Map(predictBindings(objects.map(asManifest)).map((entry) => [entry.claim, entry]));
  const problems: SelfCheckProblem[] = [];
  for (const binding of bindings) {
    const entry = entries.get(binding.claim);
    if (!entry) continue;
    const exact = entry.outcome === 'bound' && entry.volume === binding.volume && !entry.undetermined;
    if (!exact) problems.push({ file: 'bindings', severity: 'error', message: `${binding.claim} → ${binding.volume}: the binding model predicts ${entry.outcome}${entry.volume ? ` "${entry.volume}"` : ''}${entry.undetermined ? ' (decided by chance)' : ''}: ${entry.reason}` });
  }
  return problems;
}

/** Objects a selector matches, in order: through the value of its first equality's label, not by testing every object. */
class LabelIndex {
  private readonly byLabel = new Map<string, Map<string, PlainObject[]>>();

  constructor(private readonly objects: readonly PlainObject[]) {}

  matching(selector: Selector): PlainObject[] {
    const equality = selector.requirements.find(({ operator, values }) => (operator === 'Equals' || operator === 'In') && values.length === 1);
    const candidates = equality ? (this.withLabel(equality.key).get(equality.values[0]!) ?? []) : this.objects;
    return candidates.filter((value) => selectorMatches(selector, labelsOf(value['metadata'])));
  }

  private withLabel(key: string): Map<string, PlainObject[]> {
    let byValue = this.byLabel.get(key);
    if (byValue) return byValue;
    byValue = new Map();
    for (const object of this.objects) {
      const labels = labelsOf(object['metadata']);
      if (!Object.hasOwn(labels, key)) continue;
      pushTo(byValue, labels[key]!, object);
    }
    this.byLabel.set(key, byValue);
    return byValue;
  }
}

import { describeSelector } from '../model/label-selector.js';
import { compareQuantities, quantityValue, type Quantity } from '../model/quantity.js';
import type { ClaimObject, ClaimRef, ObjectSet, VolumeObject } from './objects.js';
import { volumesSelectedBy } from './selected.js';
import { firstBy, pushTo } from '../model/multimap.js';

/**
 * One claim against the volumes, as the PV controller decides it (kubernetes pkg/controller/volume/persistentvolume
 * pv_controller.go syncClaim → syncUnboundClaim / syncBoundClaim; index.go findByClaim; component-helpers
 * storage/volume/pv_helpers.go FindMatchingVolume). Pure: the volumes other claims bound so far are in `State`.
 */

/** Volumes bound during the prediction: volume name → the claim it now belongs to. */
export type State = ReadonlyMap<string, ClaimObject>;

/**
 * The state `predict` grows claim by claim. It keeps its bindings in order, so a reason computed only when asked
 * (most never are) still sees the state of its own decision. It only grows: a volume it holds stays taken, which lets
 * the matching loops skip taken volumes for good (see `nextUntaken`).
 */
export class GrowingState extends Map<string, ClaimObject> {
  private readonly log: [string, ClaimObject][] = [];
  /** Each volume's bindings as [position in the log, claim]: what `at` reads without copying the state. */
  private readonly history = new Map<string, [number, ClaimObject][]>();
  /** Per size-ordered volume list: for each position, a position at or before the next untaken volume. */
  private readonly skips = new WeakMap<readonly VolumeObject[], Int32Array>();

  override set(volume: string, claim: ClaimObject): this {
    pushTo(this.history, volume, [this.log.length, claim]);
    this.log.push([volume, claim]);
    return super.set(volume, claim);
  }

  /** How many bindings were made so far: a mark for `at`. */
  get length(): number {
    return this.log.length;
  }

  /**
   * The state as it was after the first `length` bindings: a view (it stays right as the state grows), as copying the
   * state for every reason or tie read would make a run quadratic in its claims.
   */
  at(length: number): State {
    return new StateAt(this.log, this.history, length);
  }

  /**
   * The first position from `start` on whose volume this state has not taken. Taken volumes stay taken, so the ones
   * passed over are remembered (path-compressed jumps): claims of one class do not walk the volumes bound before them.
   */
  nextUntaken(volumes: readonly VolumeObject[], start: number): number {
    let jumps = this.skips.get(volumes);
    if (!jumps) this.skips.set(volumes, (jumps = Int32Array.from(volumes, (_, i) => i)));
    let at = start;
    while (at < volumes.length && (jumps[at] !== at || this.has(volumes[at]!.name))) {
      at = jumps[at] === at ? at + 1 : jumps[at]!;
    }
    // Point every position walked over straight at the answer.
    for (let i = start; i < at && i < volumes.length; ) {
      const next = jumps[i] === i ? i + 1 : jumps[i]!;
      jumps[i] = at;
      i = next;
    }
    return at;
  }
}

/** A GrowingState as it was after its first `length` bindings. */
class StateAt implements ReadonlyMap<string, ClaimObject> {
  private copy: Map<string, ClaimObject> | undefined;

  constructor(
    private readonly log: readonly [string, ClaimObject][],
    private readonly history: ReadonlyMap<string, readonly [number, ClaimObject][]>,
    private readonly length: number,
  ) {}

  get(volume: string): ClaimObject | undefined {
    const bindings = this.history.get(volume) ?? [];
    for (let i = bindings.length - 1; i >= 0; i--) if (bindings[i]![0] < this.length) return bindings[i]![1];
    return undefined;
  }

  has(volume: string): boolean {
    return this.get(volume) !== undefined;
  }

  /** Anything that walks the state gets a copy, made once: nothing in the reasons does. */
  private whole(): Map<string, ClaimObject> {
    return (this.copy ??= new Map(this.log.slice(0, this.length)));
  }

  get size(): number {
    return this.whole().size;
  }

  forEach(callback: (value: ClaimObject, key: string, map: ReadonlyMap<string, ClaimObject>) => void, thisArg?: unknown): void {
    this.whole().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, ClaimObject]> {
    return this.whole().entries();
  }

  keys(): MapIterator<string> {
    return this.whole().keys();
  }

  values(): MapIterator<ClaimObject> {
    return this.whole().values();
  }

  [Symbol.iterator](): MapIterator<[string, ClaimObject]> {
    return this.whole()[Symbol.iterator]();
  }
}

export type Outcome = 'bound' | 'provisioned' | 'pending' | 'lost' | 'not-created' | 'rejected';
export type How = 'prebound-volume' | 'prebound-claim' | 'prebound-both' | 'selector' | 'best-fit';

export interface Decision {
  outcome: Outcome;
  volume?: VolumeObject;
  how?: How;
  reason: string;
  /** Whether chance decides between the chosen volume and others as good. */
  tied: boolean;
  /**
   * Volumes as good as the chosen one, left to chance (equal capacity, equal-sized access-mode groups, index order).
   * May be listed only when first read: a claim can tie with hundreds of volumes, and rules read few decisions' ties.
   */
  readonly tiedWith: VolumeObject[];
}

export interface Context {
  objects: ObjectSet;
  state: State;
  /** Only the chosen volume matters, not the ones tied with it: the matching loop stops at the first fit. */
  volumeOnly?: boolean;
}

/** The uid a claim has in the target: its manifest's, or a fresh one that no exported claimRef can name. */
export function claimUid(claim: ClaimObject): string {
  if (claim.uid !== undefined) return claim.uid;
  let fresh = FRESH_UIDS.get(claim);
  if (fresh === undefined) FRESH_UIDS.set(claim, (fresh = `(new uid of ${claim.key})`));
  return fresh;
}

/** One fresh uid per claim, built once: the matching loops ask for it for every volume. */
const FRESH_UIDS = new WeakMap<ClaimObject, string>();

/**
 * A cheap necessary condition for the volume to be pre-bound to the claim or matched by it: a volume with a claimRef
 * serves only the claim it names, one without serves only claims of its class. In a large set most pairs fail it,
 * so the exact checks (quantities, selectors) run on few.
 */
function mayServe(claim: ClaimObject, volume: VolumeObject, state: State): boolean {
  const ref = currentClaimRef(volume, state);
  return ref ? ref.name === claim.name && ref.namespace === claim.namespace : volume.className === claim.className;
}

/** The claimRef a volume has now: written in its manifest, or set by a binding earlier in the prediction. */
export function currentClaimRef(volume: VolumeObject, state: State): ClaimRef | undefined {
  const owner = state.get(volume.name);
  return owner ? refTo(owner) : volume.claimRef;
}

/** The claimRef a binding writes, built once per claim: the matching loops ask for it for every volume. */
function refTo(owner: ClaimObject): ClaimRef {
  let ref = OWNER_REFS.get(owner);
  if (!ref) OWNER_REFS.set(owner, (ref = { namespace: owner.namespace, name: owner.name, uid: claimUid(owner) }));
  return ref;
}

const OWNER_REFS = new WeakMap<ClaimObject, ClaimRef>();

/** IsVolumeBoundToClaim: namespace and name equal, and the uid too when the claimRef has one. kind is not compared. */
export function isBoundTo(volume: VolumeObject, claim: ClaimObject, state: State): boolean {
  const ref = currentClaimRef(volume, state);
  return !!ref && ref.name === claim.name && ref.namespace === claim.namespace && (ref.uid === '' || ref.uid === claimUid(claim));
}

/** The phase the controller gives a volume: as written in `status`, else Available, Bound or Released (syncVolume). */
export function volumePhase(volume: VolumeObject, context: Context): string {
  if (context.state.has(volume.name)) return 'Bound';
  if (volume.phase) return volume.phase;
  const ref = volume.claimRef;
  if (!ref || ref.uid === '') return 'Available';
  const claim = claimNamed(ref.namespace, ref.name, context);
  return claim && claimUid(claim) === ref.uid ? 'Bound' : 'Released';
}

export function decide(claim: ClaimObject, context: Context): Decision {
  if (claim.rejected) return { outcome: 'rejected', reason: `the API server refuses this claim: ${claim.rejected}`, tied: false, tiedWith: [] };
  // syncClaim: a claim marked bind-completed goes to syncBoundClaim, whatever else it says.
  if (claim.bindCompleted) return syncBoundClaim(claim, context);
  if (claim.volumeName) return syncPreboundClaim(claim, context);
  return syncUnboundClaim(claim, context);
}

/** syncBoundClaim: only a volume without claimRef, or one whose claimRef.uid is this claim's, keeps it from Lost. */
function syncBoundClaim(claim: ClaimObject, context: Context): Decision {
  const lost = (why: string): Decision => ({
    outcome: 'lost',
    reason: `it carries pv.kubernetes.io/bind-completed, so the controller treats it as bound, but ${why}: the claim is marked Lost (terminal); remove the annotation`,
    tied: false,
    tiedWith: [],
  });
  if (!claim.volumeName) return lost('it names no volume');
  const volume = findVolume(claim.volumeName, context);
  if (!volume) return lost(`volume "${claim.volumeName}" does not exist`);
  const ref = currentClaimRef(volume, context.state);
  if (!ref) return { outcome: 'bound', volume, how: 'prebound-claim', reason: `bind-completed claim re-binds volume "${volume.name}", which has no claimRef`, tied: false, tiedWith: [] };
  if (ref.uid === claimUid(claim)) return { outcome: 'bound', volume, how: 'prebound-both', reason: 'already bound: the volume\'s claimRef.uid is this claim\'s', tied: false, tiedWith: [] };
  return lost(`volume "${volume.name}" has claimRef ${refText(ref)}, not this claim's uid`);
}

/** syncUnboundClaim with spec.volumeName: no selector, phase or node affinity check (path A). */
function syncPreboundClaim(claim: ClaimObject, context: Context): Decision {
  const volume = findVolume(claim.volumeName, context);
  if (!volume) {
    const refused = indexOf(context).refused.get(claim.volumeName);
    const where = refused ? `which the API server refuses (${refused})` : 'which is not in the manifests';
    return { outcome: 'pending', reason: `spec.volumeName names volume "${claim.volumeName}", ${where}; the claim stays Pending until it exists`, tied: false, tiedWith: [] };
  }
  const ref = currentClaimRef(volume, context.state);
  if (!ref) {
    // checkVolumeSatisfyClaim (pv_controller.go): deletion, size (Value(), whole bytes), class, volumeMode, access modes.
    const mismatch = satisfyProblem(claim, volume);
    if (mismatch) return { outcome: 'pending', reason: `volume "${volume.name}" does not satisfy the claim (VolumeMismatch): ${mismatch}`, tied: false, tiedWith: [] };
    return { outcome: 'bound', volume, how: 'prebound-claim', reason: `spec.volumeName names "${volume.name}"`, tied: false, tiedWith: [] };
  }
  if (isBoundTo(volume, claim, context.state)) {
    return { outcome: 'bound', volume, how: 'prebound-both', reason: `spec.volumeName names "${volume.name}" and its claimRef names this claim: nothing else is checked`, tied: false, tiedWith: [] };
  }
  return { outcome: 'pending', reason: `volume "${volume.name}" ${refReason(volume, ref, context)}, so the claim stays Pending`, tied: false, tiedWith: [] };
}

function syncUnboundClaim(claim: ClaimObject, context: Context): Decision {
  const storageClass = context.objects.classes.get(claim.className);
  const delayBinding = !!storageClass?.waitForFirstConsumer;
  const found = findByClaim(claim, context, delayBinding);
  if (found) {
    const prebound = isBoundTo(found.volume, claim, context.state);
    const how: How = prebound ? 'prebound-volume' : claim.selector ? 'selector' : 'best-fit';
    const why = prebound
      ? `volume "${found.volume.name}" has a claimRef naming this claim`
      : `${claim.selector ? `the smallest volume matching the selector ${describeSelector(claim.selector)}` : 'the smallest matching volume'} of class "${claim.className}"`;
    return new FoundDecision(found, how, why);
  }
  if (delayBinding) {
    // WaitForFirstConsumer: the scheduler binds, when the first pod using the claim is placed (node != nil path).
    const scheduled = findForScheduler(claim, context);
    if (scheduled) {
      return {
        outcome: 'bound',
        volume: scheduled.volume,
        how: claim.selector ? 'selector' : 'best-fit',
        reason: `class "${claim.className}" waits for the first consumer: the scheduler picks the smallest matching volume${scheduled.volume.hasNodeAffinity ? ' whose node affinity fits the chosen node' : ''}`,
        tied: scheduled.tied,
        tiedWith: scheduled.tiedWith,
      };
    }
  }
  return noMatch(claim, context, delayBinding);
}

/**
 * What syncUnboundClaim does when no volume matched: provision, wait, or stay Pending (§1.7 of the semantics notes).
 * Why each volume was passed over is worked out only when the reason is read: few claims are reported.
 */
function noMatch(claim: ClaimObject, context: Context, delayBinding: boolean): Decision {
  const { outcome, reason } = noMatchOutcome(claim, context, delayBinding);
  const { objects, state } = context;
  const mark = state instanceof GrowingState ? state.length : undefined;
  return new LazyReasonDecision(outcome, () => reason(explainNoMatch(claim, { objects, state: mark === undefined ? state : (state as GrowingState).at(mark) })));
}

/*
 * The decisions and finds below are classes, not object literals with getters: V8 keeps such a literal in dictionary
 * mode (several hundred bytes), and a large run keeps one per claim until its cross-document rules are done.
 */

/** A volume found for the claim: its ties are the find's, listed when first read. */
class FoundDecision implements Decision {
  readonly outcome = 'bound';
  readonly volume: VolumeObject;
  readonly tied: boolean;

  constructor(
    private readonly found: Found,
    readonly how: How,
    readonly reason: string,
  ) {
    this.volume = found.volume;
    this.tied = found.tied;
  }

  get tiedWith(): VolumeObject[] {
    return this.found.tiedWith;
  }
}

/** No volume: why each was passed over is worked out when the reason is first read. */
class LazyReasonDecision implements Decision {
  readonly tied = false;
  readonly tiedWith: VolumeObject[] = [];
  private text: string | undefined;

  constructor(
    readonly outcome: Outcome,
    private readonly explain: () => string,
  ) {}

  get reason(): string {
    return (this.text ??= this.explain());
  }
}

function noMatchOutcome(claim: ClaimObject, context: Context, delayBinding: boolean): { outcome: Outcome; reason: (why: string) => string } {
  if (claim.className === '') {
    return { outcome: 'pending', reason: (why) => `no volume matches (${why}) and no storage class is set: stays Pending (FailedBinding)` };
  }
  const storageClass = context.objects.classes.get(claim.className);
  const classFrom = claim.classSource === 'default' ? ` (the default class, set on creation because the claim names none)` : '';
  if (!storageClass) {
    return {
      outcome: 'pending',
      reason: (why) => `no volume matches (${why}); StorageClass "${claim.className}"${classFrom} is not in the manifests: Pending, or a new empty disk if the target cluster has that class`,
    };
  }
  if (storageClass.provisioner === '' || storageClass.provisioner === 'kubernetes.io/no-provisioner') {
    return { outcome: 'pending', reason: (why) => `no volume matches (${why}); StorageClass "${claim.className}"${classFrom} provisions nothing: stays Pending` };
  }
  if (claim.selector) {
    // CSI external-provisioner: "claim Selector is not supported" (ProvisioningFailed).
    return {
      outcome: 'pending',
      reason: (why) => `no volume matches (${why}); StorageClass "${claim.className}"${classFrom} would provision, but provisioners refuse claims with a selector: stays Pending`,
    };
  }
  const when = delayBinding ? ' when its first pod is scheduled' : '';
  const what = claim.dataSource ? 'a new disk filled from its dataSource' : 'a new, empty disk';
  return { outcome: 'provisioned', reason: (why) => `no volume matches (${why}); StorageClass "${claim.className}"${classFrom} provisions ${what}${when}` };
}

interface Found {
  volume: VolumeObject;
  tied: boolean;
  readonly tiedWith: VolumeObject[];
}

function withTies(volume: VolumeObject, tiedWith: VolumeObject[]): Found {
  return { volume, tied: tiedWith.length > 0, tiedWith };
}

/** A volume tied with others, which `list` names when first asked. */
function withLazyTies(volume: VolumeObject, list: () => VolumeObject[]): Found {
  return new LazyTies(volume, list);
}

class LazyTies implements Found {
  readonly tied = true;
  private ties: VolumeObject[] | undefined;

  constructor(
    readonly volume: VolumeObject,
    private readonly list: () => VolumeObject[],
  ) {}

  get tiedWith(): VolumeObject[] {
    return (this.ties ??= this.list());
  }
}

/**
 * findByClaim (index.go): volumes are grouped by their exact access-mode set; only groups holding every requested mode
 * are searched, fewest modes first, and the first group with any match wins. Groups of equal size come in map order.
 */
function findByClaim(claim: ClaimObject, context: Context, delayBinding: boolean): Found | undefined {
  const eligible = eligibleGroups(claim, context);
  const sizes = [...new Set(eligible.map(({ key }) => key.split(',').length))];
  for (const size of sizes) {
    const results = eligible.filter(({ key }) => key.split(',').length === size).flatMap((group) => findMatchingVolume(claim, group, context, delayBinding) ?? []);
    if (results.length === 0) continue;
    if (results.length === 1) return results[0];
    // Two groups of the same size that both match: sort.Sort leaves their order to the index, so either may win.
    return withTies(results[0]!.volume, [...results[0]!.tiedWith, ...results.slice(1).flatMap((other) => [other.volume, ...other.tiedWith])]);
  }
  return undefined;
}

/**
 * FindMatchingVolume, controller path (node == nil): a volume pre-bound to the claim first, else the smallest fit.
 * Pre-bound volumes are among those whose claimRef names the claim; any other of those is claimed (uid mismatch or
 * taken during the prediction), so fits are volumes without a claimRef (see servable).
 */
function findMatchingVolume(claim: ClaimObject, group: Group, context: Context, delayBinding: boolean): Found | undefined {
  const { state } = context;
  const prebound = reservedIn(claim, group).filter((volume) => !commonCheck(claim, volume, state) && isBoundTo(volume, claim, state));
  // Several volumes pre-bound to one claim: the first in index order is returned, and that order is arbitrary.
  if (prebound.length > 0) return withTies(prebound[0]!, prebound.slice(1));
  if (delayBinding) return undefined;
  const fits = (volume: VolumeObject) => !commonCheck(claim, volume, state) && !freeCheck(claim, volume, context);
  if (claim.selector) return smallest(freeIn(claim, group, context).filter(fits));
  // Without a selector a claim may fit hundreds of volumes of its class: they are tried smallest first from the size
  // asked for. In size-then-index order the first fit is the one the controller picks (the smallest, then the first in
  // index order), and the fits of the same size after it are its ties.
  const bySize = sizeOrder(group, freeIn(claim, group, context));
  // Volumes bound earlier in the prediction fail `fits`: a growing state jumps over them.
  const next = (i: number) => (state instanceof GrowingState ? state.nextUntaken(bySize, i) : i);
  const nextFit = (from: number, capacity?: Quantity) => {
    for (let i = next(from); i < bySize.length; i = next(i + 1)) {
      if (capacity && compareQuantities(bySize[i]!.capacity!, capacity) > 0) return -1;
      if (fits(bySize[i]!)) return i;
    }
    return -1;
  };
  const first = nextFit(firstAtLeast(bySize, claim.request!));
  if (first < 0) return undefined;
  const volume = bySize[first]!;
  if (context.volumeOnly || nextFit(first + 1, volume.capacity) < 0) return withTies(volume, []);
  // Tied: the ties are listed when read, against the state of this decision.
  const then = state instanceof GrowingState ? state.at(state.length) : state;
  return withLazyTies(volume, () => {
    const fitsThen = (candidate: VolumeObject) => !commonCheck(claim, candidate, then) && !freeCheck(claim, candidate, { ...context, state: then });
    const ties: VolumeObject[] = [];
    for (let i = first + 1; i < bySize.length && compareQuantities(bySize[i]!.capacity!, volume.capacity!) === 0; i++) {
      if (fitsThen(bySize[i]!)) ties.push(bySize[i]!);
    }
    return ties;
  });
}

/** The volumes in order of capacity, then of the index: built once per list. */
function sizeOrder({ position }: Group, volumes: VolumeObject[]): VolumeObject[] {
  let sorted = SIZE_ORDERS.get(volumes);
  if (!sorted) {
    sorted = [...volumes].sort((a, b) => compareQuantities(a.capacity!, b.capacity!) || position.get(a)! - position.get(b)!);
    SIZE_ORDERS.set(volumes, sorted);
  }
  return sorted;
}

const SIZE_ORDERS = new WeakMap<VolumeObject[], VolumeObject[]>();

/** The first volume of a size-ordered list whose capacity is at least `request` (the smaller ones fail commonCheck). */
function firstAtLeast(bySize: readonly VolumeObject[], request: Quantity): number {
  let low = 0;
  let high = bySize.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareQuantities(bySize[middle]!.capacity!, request) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The scheduler's path for WaitForFirstConsumer claims: all volumes of the class, access modes checked one by one. */
function findForScheduler(claim: ClaimObject, context: Context): Found | undefined {
  const fits = servable(claim, indexOf(context).all, context).filter(
    (volume) => mayServe(claim, volume, context.state) && !commonCheck(claim, volume, context.state) && !freeCheck(claim, volume, context) && !modesProblem(claim, volume),
  );
  const chosen = smallest(fits);
  // The node the scheduler picks decides among volumes pinned to nodes: with several candidates, that is chance here.
  if (chosen && fits.length > 1 && fits.some((volume) => volume.hasNodeAffinity)) {
    return withTies(chosen.volume, fits.filter((volume) => volume !== chosen.volume));
  }
  return chosen;
}

function smallest(fits: VolumeObject[]): Found | undefined {
  if (fits.length === 0) return undefined;
  const best = fits.reduce((a, b) => (compareQuantities(b.capacity!, a.capacity!) < 0 ? b : a));
  return withTies(best, fits.filter((volume) => volume !== best && compareQuantities(volume.capacity!, best.capacity!) === 0));
}

type CommonCheck = 'claimed' | 'capacity' | 'volumeMode' | 'attributesClass' | 'deleting';

/** Checks 2-6 of FindMatchingVolume, which hold for pre-bound and free volumes alike: the first that fails. */
function commonCheck(claim: ClaimObject, volume: VolumeObject, state: State): CommonCheck | undefined {
  const ref = currentClaimRef(volume, state);
  if (ref && !isBoundTo(volume, claim, state)) return 'claimed';
  if (compareQuantities(volume.capacity!, claim.request!) < 0) return 'capacity';
  if (volume.volumeMode !== claim.volumeMode) return 'volumeMode';
  if ((volume.attributesClass ?? '') !== (claim.attributesClass ?? '')) return 'attributesClass';
  if (volume.deleting) return 'deleting';
  return undefined;
}

/** commonCheck's failure as text; 'claimed' stays a code, the caller explains whom the volume is reserved for. */
function commonProblem(claim: ClaimObject, volume: VolumeObject, state: State): string | undefined {
  switch (commonCheck(claim, volume, state)) {
    case undefined:
      return undefined;
    case 'claimed':
      return 'claimed';
    case 'capacity':
      return `its capacity ${volume.capacity!.text} is less than the ${claim.request!.text} requested`;
    case 'volumeMode':
      return `volumeMode ${volume.volumeMode}, the claim wants ${claim.volumeMode}`;
    case 'attributesClass':
      return 'its volumeAttributesClassName differs';
    case 'deleting':
      return 'it is being deleted';
  }
}

type FreeCheck = 'phase' | 'selector' | 'class';

/** Checks 10-11, for volumes not pre-bound to the claim: phase Available, selector, class. The first that fails. */
function freeCheck(claim: ClaimObject, volume: VolumeObject, context: Context): FreeCheck | undefined {
  if (volumePhase(volume, context) !== 'Available') return 'phase';
  if (claim.selector && !volumesSelectedBy(claim.selector, context.objects).has(volume)) return 'selector';
  if (volume.className !== claim.className) return 'class';
  return undefined;
}

/** freeCheck's failure as text. */
function freeProblem(claim: ClaimObject, volume: VolumeObject, context: Context): string | undefined {
  switch (freeCheck(claim, volume, context)) {
    case undefined:
      return undefined;
    case 'phase': {
      const phase = volumePhase(volume, context);
      return phase === 'Released' && !volume.phase
        ? 'its claimRef.uid names a claim that will not exist in the target, so it stays Released forever'
        : `it is ${phase}, not Available`;
    }
    case 'selector':
      return `its labels do not match the selector ${describeSelector(claim.selector!)}`;
    case 'class':
      return `its class is "${volume.className}", the claim's is "${claim.className}"`;
  }
}

function modesProblem(claim: ClaimObject, volume: VolumeObject): string | undefined {
  const missing = claim.accessModes.filter((mode) => !volume.accessModes.includes(mode));
  return missing.length > 0 ? `it lacks access mode ${missing.join(', ')}` : undefined;
}

/** checkVolumeSatisfyClaim (pv_controller.go), for a claim naming the volume. */
export function satisfyProblem(claim: ClaimObject, volume: VolumeObject): string | undefined {
  if (volume.deleting) return 'it is being deleted';
  if (quantityValue(volume.capacity!) < quantityValue(claim.request!)) return `its capacity ${volume.capacity!.text} is less than the ${claim.request!.text} requested`;
  if (volume.className !== claim.className) {
    const from = claim.classSource === 'default' ? ' (the default class, set because the claim names none)' : '';
    return `its class is "${volume.className}", the claim's is "${claim.className}"${from}`;
  }
  if (volume.volumeMode !== claim.volumeMode) return `volumeMode ${volume.volumeMode}, the claim wants ${claim.volumeMode}`;
  const modes = modesProblem(claim, volume);
  if (modes) return modes;
  if ((volume.attributesClass ?? '') !== (claim.attributesClass ?? '')) return 'its volumeAttributesClassName differs';
  return undefined;
}

/** Why each volume was passed over, in the order FindMatchingVolume checks, for the reason of an unbound claim. */
function explainNoMatch(claim: ClaimObject, context: Context): string {
  const all = existingVolumes(context);
  if (all.length === 0) return 'there are no PersistentVolumes in the manifests';
  // The volumes worth explaining: those reserved for the claim, else those its selector picks, else all.
  const reserved = indexOf(context).all.byServing.get(refKey(claim.namespace, claim.name)) ?? [];
  const selected = claim.selector ? [...volumesSelectedBy(claim.selector, context.objects)] : all;
  if (reserved.length === 0 && selected.length === 0) return `no volume has labels matching the selector ${describeSelector(claim.selector!)}`;
  const volumes = reserved.length > 0 ? reserved : selected;
  // Three are enough for a reason; the rest are counted, not explained (large sets have hundreds).
  const reasons = volumes.slice(0, 3).map((volume) => {
    // What keeps the volume from this claim on its own comes first; "taken by another claim" only when nothing else does.
    const alone: Context = { objects: context.objects, state: new Map() };
    const intrinsic = commonProblem(claim, volume, alone.state) ?? modesProblem(claim, volume) ?? freeProblem(claim, volume, alone);
    const ref = currentClaimRef(volume, intrinsic === 'claimed' ? alone.state : context.state);
    const why =
      intrinsic === 'claimed' && ref
        ? refReason(volume, ref, alone)
        : (intrinsic ?? (ref ? refReason(volume, ref, context) : 'it matches, but only when the scheduler places a pod'));
    return `"${volume.name}": ${why}`;
  });
  const shown = reasons.join('; ');
  return volumes.length > 3 ? `${shown}; and ${volumes.length - 3} more` : shown;
}

/** Why a volume with a claimRef is not this claim's: taken during the prediction, reserved, or Released. */
function refReason(volume: VolumeObject, ref: ClaimRef, context: Context): string {
  const owner = context.state.get(volume.name);
  if (owner) return `is already bound to claim ${owner.key}`;
  if (ref.namespace === '') return `has a claimRef without namespace ("${ref.name}"), which matches no claim`;
  if (ref.uid !== '') {
    const claim = claimNamed(ref.namespace, ref.name, context);
    if (!claim || claimUid(claim) !== ref.uid) return `has claimRef.uid ${ref.uid} of a claim that does not exist in the target: it stays Released forever`;
  }
  return `is reserved for claim ${ref.namespace}/${ref.name} by its claimRef`;
}

function refText(ref: ClaimRef): string {
  return `${ref.namespace}/${ref.name}${ref.uid ? ` (uid ${ref.uid})` : ''}`;
}

function findVolume(name: string, context: Context): VolumeObject | undefined {
  return indexOf(context).byName.get(name);
}

/** Volumes the API server accepts; the others never exist in the target. Cached per object set. */
export function existingVolumes(context: Context): VolumeObject[] {
  return indexOf(context).existing;
}

/**
 * Access-mode groups holding every mode the claim asks for, fewest modes first (allPossibleMatchingAccessModes), each
 * narrowed to the volumes that may serve the claim (see mayServe), in index order.
 */
function eligibleGroups(claim: ClaimObject, context: Context): Group[] {
  return indexOf(context).groups.filter(({ volumes }) => claim.accessModes.every((mode) => volumes[0]!.accessModes.includes(mode)));
}

/**
 * The group's volumes that may serve the claim (see mayServe), in index order: those whose claimRef names it, and
 * those of its class without a claimRef, narrowed to the ones its selector picks. A volume without a claimRef is never
 * pre-bound to the claim (claim keys are unique and a claim owns nothing before it is decided), so it must pass the
 * selector: the narrowing drops only volumes the checks would drop.
 */
function servable(claim: ClaimObject, group: Group, context: Context): VolumeObject[] {
  const reserved = reservedIn(claim, group);
  const free = freeIn(claim, group, context);
  return reserved.length === 0 ? free : free.length === 0 ? reserved : [...reserved, ...free].sort((a, b) => group.position.get(a)! - group.position.get(b)!);
}

/** The group's volumes whose claimRef names the claim. */
function reservedIn(claim: ClaimObject, { byServing }: Group): VolumeObject[] {
  return byServing.get(refKey(claim.namespace, claim.name)) ?? [];
}

/** The group's volumes of the claim's class without a claimRef, narrowed to those its selector picks. */
function freeIn(claim: ClaimObject, { position, byServing }: Group, context: Context): VolumeObject[] {
  const free = byServing.get(classKey(claim.className)) ?? [];
  if (!claim.selector || free.length === 0) return free;
  const selected = volumesSelectedBy(claim.selector, context.objects);
  return selected.size < free.length
    ? [...selected].filter((volume) => position.has(volume) && !volume.claimRef && volume.className === claim.className)
    : free.filter((volume) => selected.has(volume));
}

const refKey = (namespace: string, name: string) => `ref\0${namespace}\0${name}`;
const classKey = (className: string) => `class\0${className}`;

function claimNamed(namespace: string, name: string, context: Context): ClaimObject | undefined {
  return indexOf(context).claims.get(`${namespace}/${name}`);
}

interface Index {
  existing: VolumeObject[];
  /** The first existing volume of each name, as a scan of `existing` finds it. */
  byName: Map<string, VolumeObject>;
  /** Why the API server refuses the first volume of each name that no existing volume has. */
  refused: Map<string, string>;
  /** Every existing volume as one group, for the scheduler's path and reasons, which ignore access-mode groups. */
  all: Group;
  /** The index's access-mode groups, sorted by number of modes (then by key, for a stable answer where it is chance). */
  groups: Group[];
  claims: Map<string, ClaimObject>;
}

interface Group {
  key: string;
  volumes: VolumeObject[];
  position: Map<VolumeObject, number>;
  /** The group's volumes by whom they may serve: a claimRef's claim, or the claims of a class (volumes without one). */
  byServing: Map<string, VolumeObject[]>;
}

function group(key: string, volumes: VolumeObject[]): Group {
  const byServing = new Map<string, VolumeObject[]>();
  for (const volume of volumes) {
    const serving = volume.claimRef ? refKey(volume.claimRef.namespace, volume.claimRef.name) : classKey(volume.className);
    pushTo(byServing, serving, volume);
  }
  return { key, volumes, position: new Map(volumes.map((volume, i) => [volume, i])), byServing };
}

const INDEXES = new WeakMap<ObjectSet, Index>();

function indexOf(context: Context): Index {
  const cached = INDEXES.get(context.objects);
  if (cached) return cached;
  const existing = context.objects.volumes.filter((volume) => !volume.rejected);
  const byKey = new Map<string, VolumeObject[]>();
  for (const volume of existing) {
    const key = volume.accessModes.join(',');
    pushTo(byKey, key, volume);
  }
  const groups = [...byKey.entries()]
    .sort(([a], [b]) => a.split(',').length - b.split(',').length || (a < b ? -1 : 1))
    .map(([key, volumes]) => group(key, volumes));
  const claims = firstBy(context.objects.claims, (claim) => claim.key);
  const byName = firstBy(existing, (volume) => volume.name);
  const refused = new Map<string, string>();
  for (const volume of context.objects.volumes) if (volume.rejected && !byName.has(volume.name) && !refused.has(volume.name)) refused.set(volume.name, volume.rejected);
  const index = { existing, byName, refused, all: group('*', existing), groups, claims };
  INDEXES.set(context.objects, index);
  return index;
}

/**
 * Whether `volume` is one of `candidateVolumes(claim, context)`, without listing them: a claim of a large class has
 * thousands, and a rule asking about one volume for every claim would list them all for each.
 */
export function acceptsVolume(claim: ClaimObject, volume: VolumeObject, context: Context): boolean {
  if (claim.rejected || volume.rejected) return false;
  if (claim.bindCompleted || claim.volumeName) {
    const decision = decide(claim, context);
    return decision.outcome === 'bound' && decision.volume === volume;
  }
  // servable: reserved for the claim by its claimRef, or of its class without a claimRef and picked by its selector.
  const ref = volume.claimRef;
  const reserved = !!ref && ref.namespace === claim.namespace && ref.name === claim.name;
  const free = !ref && volume.className === claim.className && (!claim.selector || volumesSelectedBy(claim.selector, context.objects).has(volume));
  if (!reserved && !free) return false;
  // In an eligible access-mode group (one holding every mode the claim asks for), as an existing volume.
  if (!claim.accessModes.every((mode) => volume.accessModes.includes(mode)) || !indexOf(context).all.position.has(volume)) return false;
  if (commonCheck(claim, volume, context.state)) return false;
  return isBoundTo(volume, claim, context.state) || !freeCheck(claim, volume, context);
}

/**
 * Every volume the claim would accept if it were alone with the volumes, in the controller's order of preference:
 * access-mode groups fewest modes first, a volume pre-bound to the claim first within its group, then by size.
 */
export function candidateVolumes(claim: ClaimObject, context: Context): VolumeObject[] {
  if (claim.rejected) return [];
  if (claim.bindCompleted || claim.volumeName) {
    const decision = decide(claim, context);
    return decision.outcome === 'bound' && decision.volume ? [decision.volume] : [];
  }
  const delayBinding = !!context.objects.classes.get(claim.className)?.waitForFirstConsumer;
  const ranked: { volume: VolumeObject; keys: number[] }[] = [];
  const { position } = indexOf(context).all;
  for (const group of eligibleGroups(claim, context)) {
    const modes = group.key.split(',').length;
    for (const volume of servable(claim, group, context)) {
      if (commonCheck(claim, volume, context.state)) continue;
      const prebound = isBoundTo(volume, claim, context.state);
      if (!prebound && freeCheck(claim, volume, context)) continue;
      // WaitForFirstConsumer: the controller binds only pre-bound volumes; the free ones are the scheduler's, which
      // looks at every access-mode group alike.
      const keys = delayBinding ? (prebound ? [0, modes, 0] : [1, 0, 1]) : [0, modes, prebound ? 0 : 1];
      ranked.push({ volume, keys: [...keys, position.get(volume)!] });
    }
  }
  ranked.sort((a, b) => {
    for (let i = 0; i < 3; i++) if (a.keys[i] !== b.keys[i]) return a.keys[i]! - b.keys[i]!;
    return compareQuantities(a.volume.capacity!, b.volume.capacity!) || a.keys[3]! - b.keys[3]!;
  });
  return ranked.map(({ volume }) => volume);
}

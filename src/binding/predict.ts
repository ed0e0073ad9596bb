import type { Manifest } from '../engine/types.js';
import { GrowingState, candidateVolumes, decide, type Decision } from './match.js';
import { readObjects, type ClaimObject, type ObjectSet } from './objects.js';
import type { BindingEntry } from './index.js';
import { someOf } from '../model/name-list.js';

/**
 * Runs the controller over every claim, in the order of the manifests (StatefulSet claims ordinal by ordinal), each
 * binding making its volume unavailable to the next. The real controller takes claims in no fixed order, so each
 * claim is also decided as if it came first (after the claims that must precede it): where that answer differs,
 * the order decides and both the claim and the one that took its volume are marked undetermined.
 */
export function predict(manifests: readonly Manifest[], objects: ObjectSet = readObjects(manifests)): BindingEntry[] {
  const state = new GrowingState();
  const decisions = new Map<string, Decision>();
  for (const claim of objects.claims) {
    const decision = waitsForPredecessor(claim, decisions) ?? decide(claim, { objects, state });
    decisions.set(claim.key, decision);
    if (decision.outcome === 'bound' && decision.volume) state.set(decision.volume.name, claim);
  }
  const notes = orderNotes(objects, state, decisions);
  return objects.claims.map((claim) => toEntry(claim, decisions.get(claim.key)!, notes.get(claim.key) ?? [], objects));
}

/** OrderedReady: a claim of ordinal i+1 is created only once pod i is Ready, which its unbound claims prevent. */
function waitsForPredecessor(claim: ClaimObject, decisions: Map<string, Decision>): Decision | undefined {
  const blocking = (claim.createdAfter ?? []).find((key) => decisions.get(key)?.outcome !== 'bound' && decisions.get(key)?.outcome !== 'provisioned');
  if (!blocking) return undefined;
  return {
    outcome: 'not-created',
    reason: `never created: with podManagementPolicy OrderedReady the StatefulSet waits for the previous pod, whose claim ${blocking} does not bind`,
    tied: false,
    tiedWith: [],
  };
}

/**
 * A reason chance decides a claim's result; a tie is written when a rule reads it: it names every tied volume
 * (hundreds in a large set), and rules read the reasons of the few claims they report.
 */
type Note = string | (() => string);

const noteText = (note: Note) => (typeof note === 'string' ? note : note());

/** For each claim, the reasons chance decides its result (ties, processing order), empty when it is determined. */
function orderNotes(objects: ObjectSet, state: Map<string, ClaimObject>, decisions: Map<string, Decision>): Map<string, Note[]> {
  const notes = new Map<string, Note[]>();
  const note = (key: string, text: Note) => {
    const list = notes.get(key) ?? [];
    if (!list.includes(text)) list.push(text);
    notes.set(key, list);
  };
  const byKey = new Map(objects.claims.map((claim) => [claim.key, claim]));
  const boundBy = new Map<string, string[]>();
  for (const [volume, owner] of state) boundBy.set(owner.key, [...(boundBy.get(owner.key) ?? []), volume]);
  // The claims that would take a volume from its holder if they came first: one note on the holder per volume.
  const competitors = new Map<string, string[]>();
  const competitorsOf = (holder: string, volume: string): string[] => {
    const key = `${holder}\0${volume}`;
    const known = competitors.get(key);
    if (known) return known;
    const claims: string[] = [];
    competitors.set(key, claims);
    note(holder, () => `processing order decides: ${someOf(claims, 'claims')} compete${claims.length === 1 ? 's' : ''} for "${volume}"`);
    return claims;
  };
  for (const claim of objects.claims) {
    const decision = decisions.get(claim.key)!;
    if (decision.outcome === 'not-created' || decision.outcome === 'rejected') continue;
    if (decision.tied) {
      note(claim.key, () => `chance decides between ${someOf([decision.volume!, ...decision.tiedWith].map((volume) => `"${volume.name}"`), 'volumes')}, equally good for it`);
    }
    if (claim.classSource === 'default' && objects.defaultClass && objects.defaultClass.others.length > 0) {
      note(claim.key, `several StorageClasses are marked default (${[objects.defaultClass.name, ...objects.defaultClass.others].join(', ')}): the newest wins`);
    }
    // Alone: only the volumes taken by claims that certainly come first are gone.
    const before = predecessors(claim, byKey);
    const firstState = new Map([...before].flatMap((key) => (boundBy.get(key) ?? []).map((volume) => [volume, state.get(volume)!] as const)));
    // Only the volume it would get is compared: its ties, hundreds in a large set, are not needed.
    const alone = decide(claim, { objects, state: firstState, volumeOnly: true });
    if (alone.outcome !== decision.outcome || alone.volume?.name !== decision.volume?.name) {
      const holder = alone.volume ? state.get(alone.volume.name) : undefined;
      if (holder) {
        note(claim.key, `processing order decides: if it came before ${holder.key}, it would bind "${alone.volume!.name}"`);
        competitorsOf(holder.key, alone.volume!.name).push(claim.key);
      } else {
        note(claim.key, 'processing order decides: earlier claims change its result');
      }
    }
    for (const key of before) {
      if (notes.has(key) && sharesCandidates(decisions.get(key), decision)) note(claim.key, `it depends on ${key}, whose result chance decides`);
    }
  }
  return notes;
}

function predecessors(claim: ClaimObject, byKey: Map<string, ClaimObject>): Set<string> {
  const seen = new Set<string>();
  const pending = [...(claim.createdAfter ?? [])];
  while (pending.length > 0) {
    const key = pending.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    pending.push(...(byKey.get(key)?.createdAfter ?? []));
  }
  return seen;
}

function sharesCandidates(a: Decision | undefined, b: Decision): boolean {
  const names = (decision: Decision | undefined) => new Set([decision?.volume, ...(decision?.tiedWith ?? [])].flatMap((volume) => (volume ? [volume.name] : [])));
  if (a?.tied) return true;
  const first = names(a);
  return [...names(b)].some((name) => first.has(name));
}

/** `reason` and `candidates` are worked out when first read: rules read them for the few claims they report. */
function toEntry(claim: ClaimObject, decision: Decision, notes: Note[], objects: ObjectSet): BindingEntry {
  // The entry keeps the decision's reason, not the decision (its ties).
  return new PredictedEntry(claim, decision, notes, objects);
}

/**
 * A class, not an object literal with getters: V8 keeps such a literal in dictionary mode, several hundred bytes per
 * claim, and a run keeps an entry for every claim until its cross-document rules are done.
 */
class PredictedEntry implements BindingEntry {
  readonly claim: string;
  readonly namespace: string;
  readonly name: string;
  readonly statefulSet?: string;
  readonly template?: string;
  readonly ordinal?: number;
  readonly volume: string | null;
  readonly how: BindingEntry['how'];
  readonly outcome: BindingEntry['outcome'];
  readonly undetermined: boolean;
  readonly claimManifest: Manifest;
  readonly claimPath: BindingEntry['claimPath'];
  readonly fromTemplate: boolean;
  readonly volumeManifest?: Manifest;
  readonly #claim: ClaimObject;
  readonly #because: string;
  readonly #notes: Note[];
  readonly #objects: ObjectSet;
  #reason: string | undefined;
  #candidates: string[] | undefined;

  constructor(claim: ClaimObject, decision: Decision, notes: Note[], objects: ObjectSet) {
    const bound = decision.outcome === 'bound';
    this.claim = claim.key;
    this.namespace = claim.namespace;
    this.name = claim.name;
    if (claim.statefulSet !== undefined) {
      this.statefulSet = claim.statefulSet;
      this.template = claim.template;
      this.ordinal = claim.ordinal;
    }
    this.volume = bound ? decision.volume!.name : null;
    this.how = bound ? decision.how! : null;
    this.outcome = decision.outcome;
    this.undetermined = notes.length > 0;
    this.claimManifest = claim.manifest;
    this.claimPath = claim.path;
    this.fromTemplate = claim.fromTemplate;
    if (decision.volume && bound) this.volumeManifest = decision.volume.manifest;
    this.#claim = claim;
    this.#because = decision.reason;
    this.#notes = notes;
    this.#objects = objects;
  }

  get reason(): string {
    const because = this.#because;
    return (this.#reason ??= this.#notes.length > 0 ? `${because}; ${this.#notes.map(noteText).join('; ')}` : because);
  }

  get candidates(): string[] {
    return (this.#candidates ??= candidateVolumes(this.#claim, { objects: this.#objects, state: new Map() }).map((volume) => volume.name));
  }
}

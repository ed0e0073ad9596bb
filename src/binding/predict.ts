import type { Manifest } from '../engine/types.js';
import { GrowingState, candidateVolumes, decide, type Decision } from './match.js';
import { readObjects, type ClaimObject, type ObjectSet } from './objects.js';
import type { BindingEntry } from './index.js';

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
  for (const claim of objects.claims) {
    const decision = decisions.get(claim.key)!;
    if (decision.outcome === 'not-created' || decision.outcome === 'rejected') continue;
    if (decision.tied) {
      const tied = () => [decision.volume!, ...decision.tiedWith];
      note(claim.key, () => `chance decides between ${tied().map((volume) => `"${volume.name}"`).join(' and ')}, equally good for it`);
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
        note(holder.key, `processing order decides: ${claim.key} competes for "${alone.volume!.name}"`);
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
  // The getters keep the decision's reason, not the decision (its ties).
  const because = decision.reason;
  let reason: string | undefined;
  let candidates: string[] | undefined;
  const entry: BindingEntry = {
    claim: claim.key,
    namespace: claim.namespace,
    name: claim.name,
    volume: decision.outcome === 'bound' ? decision.volume!.name : null,
    how: decision.outcome === 'bound' ? decision.how! : null,
    outcome: decision.outcome,
    get reason() {
      return (reason ??= notes.length > 0 ? `${because}; ${notes.map(noteText).join('; ')}` : because);
    },
    get candidates() {
      return (candidates ??= candidateVolumes(claim, { objects, state: new Map() }).map((volume) => volume.name));
    },
    undetermined: notes.length > 0,
    claimManifest: claim.manifest,
    claimPath: claim.path,
    fromTemplate: claim.fromTemplate,
  };
  if (claim.statefulSet !== undefined) Object.assign(entry, { statefulSet: claim.statefulSet, template: claim.template, ordinal: claim.ordinal });
  if (decision.volume && decision.outcome === 'bound') entry.volumeManifest = decision.volume.manifest;
  return entry;
}

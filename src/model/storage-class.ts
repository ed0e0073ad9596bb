import type { Path, PathOp } from '../engine/types.js';
import type { ClaimPiece } from './pieces.js';
import { asObject, asString, hasKey } from './values.js';

/**
 * How claims and volumes name their storage class, as the PV controller reads it
 * (component-helpers `storage/volume/helpers.go`: GetPersistentVolumeClaimClass, GetPersistentVolumeClass).
 */

/** The beta annotation, deprecated since 1.8; when present it wins over `spec.storageClassName`, even with value "". */
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** One way of naming a class: absent, a string, or a shape the API server would reject. */
export type ClassSetting = { state: 'absent' } | { state: 'set'; value: string } | { state: 'invalid'; value: unknown };

export interface ClassSettings {
  annotation: ClassSetting;
  field: ClassSetting;
}

/**
 * Reads the annotation and `spec.storageClassName` of a claim or a volume, from their plain values.
 * An annotation key with a null value decodes to "" (a map[string]string entry); a null field is a nil pointer, i.e. absent.
 */
export function classSettings(metadata: unknown, spec: unknown): ClassSettings {
  const annotations = asObject(asObject(metadata)?.['annotations']);
  let annotation: ClassSetting = { state: 'absent' };
  if (annotations && hasKey(annotations, BETA_STORAGE_CLASS_ANNOTATION)) {
    const value = annotations[BETA_STORAGE_CLASS_ANNOTATION];
    annotation = value === null || value === undefined ? { state: 'set', value: '' } : typeof value === 'string' ? { state: 'set', value } : { state: 'invalid', value };
  }
  const specObject = asObject(spec);
  const raw = specObject?.['storageClassName'];
  const field: ClassSetting =
    raw === null || raw === undefined ? { state: 'absent' } : typeof raw === 'string' ? { state: 'set', value: raw } : { state: 'invalid', value: raw };
  return { annotation, field };
}

/**
 * The class the PV controller matches a claim with: the annotation if present, then the field.
 * 'unset' means neither is given, so the DefaultStorageClass admission (and, since 1.28, the controller) assigns the default class.
 * 'unknown' means a value the API server would reject anyway.
 */
export function claimClass(settings: ClassSettings): { state: 'unset' } | { state: 'set'; value: string } | { state: 'unknown' } {
  const { annotation, field } = settings;
  if (annotation.state === 'set') return annotation;
  if (annotation.state === 'invalid') return { state: 'unknown' };
  if (field.state === 'set') return field;
  if (field.state === 'invalid') return { state: 'unknown' };
  return { state: 'unset' };
}

/** The class as text for messages, quoted. */
export function showClass(setting: ClassSetting): string {
  return setting.state === 'absent' ? '(none)' : JSON.stringify(setting.value) ?? String(setting.value);
}

/** `spec.selector`, when the claim has one: even `{}` counts (it matches every volume, and CSI provisioners reject it). */
export function hasSelector(spec: unknown): boolean {
  const selector = asObject(spec)?.['selector'];
  return selector !== null && selector !== undefined;
}

/** `spec.volumeName`, when it names a volume. */
export function volumeNameOf(spec: unknown): string | undefined {
  const name = asString(asObject(spec)?.['volumeName']);
  return name ? name : undefined;
}

/** Which fields tie the claim to an existing volume, for messages ('spec.selector', 'spec.volumeName "pv-1"'); empty when none. */
export function bindingFields(spec: unknown): string[] {
  const fields: string[] = [];
  if (hasSelector(spec)) fields.push('spec.selector');
  const volumeName = volumeNameOf(spec);
  if (volumeName) fields.push(`spec.volumeName "${volumeName}"`);
  return fields;
}

export function nameOf(metadata: unknown): string {
  return asString(asObject(metadata)?.['name']) || '(unnamed)';
}

/** `PersistentVolumeClaim "data"` or `volumeClaimTemplate "data" of StatefulSet "web"`. */
export function describeClaim(claim: ClaimPiece): string {
  const name = nameOf(claim.metadata);
  return claim.fromTemplate
    ? `volumeClaimTemplate "${name}" of StatefulSet "${nameOf(claim.manifest.value.metadata)}"`
    : `PersistentVolumeClaim "${name}"`;
}

/** Operations that remove the annotation, and the whole `annotations` map when it held nothing else. */
export function removeAnnotation(metadataPath: Path, metadata: unknown, key: string): PathOp[] {
  const annotations = asObject(asObject(metadata)?.['annotations']);
  const alone = annotations !== undefined && Object.keys(annotations).every((other) => other === key);
  return alone ? [{ op: 'remove', path: [...metadataPath, 'annotations'] }] : [{ op: 'remove', path: [...metadataPath, 'annotations', key] }];
}

/**
 * The class the PV controller reads from a volume (GetPersistentVolumeClass): the beta annotation when present, else
 * `spec.storageClassName` (a plain string on a PV: absent is ""). Undefined for a value the API server would reject.
 */
export function volumeClass(settings: ClassSettings): string | undefined {
  const { annotation, field } = settings;
  if (annotation.state === 'set') return annotation.value;
  if (annotation.state === 'invalid' || field.state === 'invalid') return undefined;
  return field.state === 'set' ? field.value : '';
}

/** Annotations that make a StorageClass the default (IsDefaultAnnotation, pkg/volume/util/storageclass.go): value "true" only. */
export const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'] as const;

export function isDefaultClass(metadata: unknown): boolean {
  const annotations = asObject(asObject(metadata)?.['annotations']);
  return DEFAULT_CLASS_ANNOTATIONS.some((key) => annotations?.[key] === 'true');
}

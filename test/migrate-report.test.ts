import { describe, expect, it } from 'vitest';
import type { Plan } from '../src/migrate/index.js';
import { renderMarkdown } from '../src/migrate/report.js';

const binding = {
  claim: 'shop/data "a"',
  volume: 'pv#1',
  disk: { id: 'x', label: 'projects/p/zones/z/disks/pd|1', field: 'csi' },
  size: '5Gi',
  zone: undefined,
  pairedBy: 'claim-ref' as const,
  sourceReclaimPolicy: 'Retain',
  pins: ['claimRef'],
  labelValue: 'pv-1',
};
const plan: Plan = {
  targetKubernetesVersion: '1.34',
  prebind: 'both',
  labelKey: 'kubecarry.io/volume',
  bindings: [binding],
  claimsWithoutData: [],
  unclaimedVolumes: [],
  sourcePatches: [],
  sourceStops: [],
  dropped: [],
  changes: [
    { object: 'PersistentVolume pv#1', what: 'claimRef → shop/data', why: 'reserves it' },
    { object: 'PersistentVolumeClaim shop/data', what: 'volumeName → pv#1', why: 'pins it' },
    { object: 'PersistentVolume pv#1', what: 'label', why: 'selected by it' },
  ],
  warnings: [],
  files: ['01-persistentvolumes/pv.yaml'],
  selfCheck: { ok: false, problems: [{ file: '04-workloads/a.yaml', line: 3, column: 7, ruleId: 'r', severity: 'error', message: 'm.', suggestion: 'Do s.' }, { file: 'bindings', severity: 'error', message: 'b.' }] },
};

describe('MIGRATION.md', () => {
  const text = renderMarkdown(plan);

  it('quotes every Mermaid label and writes quotes, # and | as entity codes, so GitHub renders the diagram', () => {
    expect(text).toContain('```mermaid\nflowchart LR\n  c0["claim shop/data #quot;a#quot;"] --> v0["volume pv#35;1"] --> d0[("disk pd#124;1")]\n```\n');
  });

  it('escapes pipes in table cells and says how the source pairs claim and volume', () => {
    expect(text).toContain('| shop/data "a" | pv#1 | projects/p/zones/z/disks/pd\\|1 | 5Gi | (unknown) | the volume\'s `claimRef` |');
  });

  it('puts the steps first, resolving the self-check before anything else, and links each problem to its line', () => {
    expect(text.indexOf('## Steps')).toBeLessThan(text.indexOf('## Self-check'));
    expect(text.indexOf('## Self-check')).toBeLessThan(text.indexOf('## Bindings'));
    expect(text).toContain('1. Resolve the [self-check](#self-check) problems');
    expect(text).toContain('2. Nothing to patch in the source cluster');
    expect(text).toContain('- [04-workloads/a.yaml:3:7](04-workloads/a.yaml#L3): error: m. (`r`) Suggested: Do s. (`--apply-suggestions` applies it.)\n- bindings: error: b.\n');
  });

  it('groups the changes by object, in the order objects first appear', () => {
    expect(text).toContain('- **PersistentVolume pv#1**\n  - claimRef → shop/data — reserves it\n  - label — selected by it\n- **PersistentVolumeClaim shop/data**\n  - volumeName → pv#1 — pins it\n');
  });
});

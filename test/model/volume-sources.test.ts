import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../src/engine/linter.js';
import { toCsi } from '../../src/model/csi-migration.js';
import { armDiskName, IN_TREE_PLUGINS, parseEbsVolumeId } from '../../src/model/volume-sources.js';
import { rulesById } from '../../src/rules/index.js';

const hex = fc.stringMatching(/^[0-9a-f]{8,17}$/);
const zone = fc.stringMatching(/^[a-z]{2}-[a-z]+-[1-9][a-c]$/);
const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,30}$/);

describe('disk identifiers', () => {
  it('an EBS volumeID keeps its id and zone through aws://<zone>/, aws:/// and plain forms', () => {
    fc.assert(
      fc.property(hex, zone, (digits, az) => {
        const id = `vol-${digits}`;
        expect(parseEbsVolumeId(`aws://${az}/${id}`)).toEqual({ id, zone: az, valid: true });
        expect(parseEbsVolumeId(`aws:///${id}`)).toEqual({ id, valid: true });
        expect(parseEbsVolumeId(id)).toEqual({ id, valid: true });
        expect(parseEbsVolumeId(`aws://${az}/${digits}`).valid).toBe(false);
      }),
    );
  });

  it('an Azure ARM disk id gives its disk name, whatever the case of its fixed segments', () => {
    fc.assert(
      fc.property(hex, name, name, fc.boolean(), (subscription, group, disk, lower) => {
        const id = `/subscriptions/${subscription}/resourceGroups/${group}/providers/Microsoft.Compute/disks/${disk}`;
        expect(armDiskName(lower ? id.replace(/resourceGroups|Microsoft\.Compute/g, (s) => s.toLowerCase()) : id)).toBe(disk);
        expect(armDiskName(`https://portal.azure.com/#resource${id}`)).toBeUndefined();
        expect(armDiskName(`${id}/extra`)).toBeUndefined();
      }),
    );
  });

  it('an in-tree EBS source converts to the CSI handle migration builds, pinned to the zone it names', () => {
    fc.assert(
      fc.property(hex, zone, fc.constantFrom('ext4', 'xfs'), (digits, az, fsType) => {
        const conversion = toCsi('awsElasticBlockStore', { volumeID: `aws://${az}/vol-${digits}`, fsType }, undefined);
        expect(conversion).toEqual({
          driver: 'ebs.csi.aws.com',
          csi: { driver: 'ebs.csi.aws.com', volumeHandle: `vol-${digits}`, fsType },
          zone: { key: 'topology.ebs.csi.aws.com/zone', value: az },
          exact: true,
        });
      }),
    );
  });
});

describe('volume rules on any shape', () => {
  const rules = ['pv-volume-source', 'placeholder-value', 'removed-api', 'deprecated-api'].map((id) => ({
    rule: rulesById.get(id)!,
    severity: 2 as const,
    options: {},
  }));
  const source = fc.constantFrom('csi', 'nfs', 'hostPath', ...Object.keys(IN_TREE_PLUGINS));

  it('never throw, whatever the spec, volume sources and volumes hold', () => {
    fc.assert(
      fc.property(source, fc.jsonValue(), fc.jsonValue(), fc.integer({ min: 16, max: 36 }), (key, value, volumes, minor) => {
        const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'p' }, spec: { [key]: value, volumes } };
        const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q' }, spec: { volumes: [{ name: 'v', [key]: value }, volumes] } };
        const odd = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'r' }, spec: value };
        const text = [pv, pod, odd].map((doc) => JSON.stringify(doc)).join('\n---\n');
        const { internalErrors } = lintFiles([{ filePath: 'x.yaml', text }], { rules, kubernetesVersion: [1, minor], reportUnusedDisableDirectives: 0, computeFixes: true });
        expect(internalErrors).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('pv-volume-source fixes and suggestions', () => {
  it('offers the CSI rewrite as a suggestion, never a fix, when it needs a human; none for inline pod volumes', () => {
    const file = join(import.meta.dirname, '..', 'fixtures', 'pv-volume-source', 'invalid-suggestions.yaml');
    const rule = rulesById.get('pv-volume-source')!;
    const { results } = lintFiles([{ filePath: file, text: readFileSync(file, 'utf8') }], {
      rules: [{ rule, severity: 2, options: {} }],
      kubernetesVersion: [1, 33],
      reportUnusedDisableDirectives: 0,
      computeFixes: true,
    });
    const messages = results[0]!.messages.map((message) => ({ line: message.line, fix: message.fix !== undefined, suggestions: message.suggestions?.map((s) => s.desc) }));
    expect(messages).toEqual([
      { line: 12, fix: false, suggestions: ['Replace gcePersistentDisk with a csi source for pd.csi.storage.gke.io and pin it to zone europe-west1-b.'] },
      { line: 25, fix: false, suggestions: ['Replace azureDisk with a csi source for disk.csi.azure.com.'] },
      { line: 44, fix: false, suggestions: undefined },
    ]);
  });
});

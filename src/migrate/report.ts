import type { Plan } from './index.js';
import type { Change } from './types.js';

/**
 * MIGRATION.md: the plan as a reviewer reads it in a pull request. First what to do, in order (and what blocks it),
 * then the binding table and its diagram, the warnings, and every change, object by object.
 */
export function renderMarkdown(plan: Plan): string {
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  const claims = plan.bindings.length + plan.claimsWithoutData.length;
  line('# Migration plan');
  line();
  line(`Written by \`kubecarry migrate\` for a target cluster running Kubernetes ${plan.targetKubernetesVersion}: `
    + `${plan.bindings.length === claims && claims > 1 ? `all ${claims} claims` : `${plan.bindings.length} of ${count(claims, 'claim')}`} `
    + `${plan.bindings.length === 1 ? 'comes back on its own disk' : 'come back on their own disks'}`
    + `${plan.claimsWithoutData.length > 0 ? `, ${count(plan.claimsWithoutData.length, 'claim')} without data ${plan.claimsWithoutData.length === 1 ? 'gets' : 'get'} a new, empty disk` : ''}. `
    + `Claims are pinned with ${pinsText(plan.prebind)}; volumes carry the label \`${plan.labelKey}\`.`);
  line();
  const errors = plan.selfCheck.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = plan.selfCheck.problems.length - errors;
  if (!plan.selfCheck.ok) line(`**Self-check failed** with ${count(errors, 'error')}: resolve [them](#self-check) before applying anything.`);
  else if (warnings > 0) line(`**Self-check passed** with ${count(warnings, 'warning')} for a person to decide: see [Self-check](#self-check). Every claim binds its own volume.`);
  else line('**Self-check passed**: the output lints clean with every rule, and every claim binds its own volume.');
  line();

  steps(plan, line);
  selfCheck(plan, line);
  bindings(plan, line);

  line('## Warnings');
  line();
  if (plan.warnings.length === 0) line('None.');
  for (const warning of plan.warnings) line(`- **${warning.object}**: ${warning.message}`);
  line();

  line('## Changes');
  line();
  line('What migrate changed in each object, and why (the source cluster\'s state it removed is listed too):');
  line();
  for (const [object, changes] of byObject(plan.changes)) {
    line(`- **${object}**`);
    for (const change of changes) line(`  - ${change.what} — ${change.why}`);
  }
  line();
  if (plan.dropped.length > 0) {
    line('Not carried over:');
    line();
    for (const dropped of plan.dropped) line(`- ${dropped.object} (${dropped.origin}): ${dropped.reason}`);
    line();
  }

  line('## Files');
  line();
  line('In apply order (`kustomization.yaml` lists them so):');
  line();
  for (const file of plan.files) line(`- [${file}](${file})`);
  return `${out.join('\n')}\n`;
}

function steps(plan: Plan, line: (text?: string) => void): void {
  line('## Steps');
  line();
  let step = 1;
  if (!plan.selfCheck.ok) line(`${step++}. Resolve the [self-check](#self-check) problems: fix the source manifests and run \`kubecarry migrate\` again.`);
  if (plan.sourcePatches.length === 0) {
    line(`${step++}. Nothing to patch in the source cluster: every source volume in the input is \`Retain\`, so deleting a claim or a volume there leaves its disk.`);
  } else {
    line(`${step++}. In the **source** cluster, before anything is deleted there: switch the volumes that delete their disk with their claim to \`Retain\`.`);
    line();
    line('   ```sh');
    for (const patch of plan.sourcePatches) line(`   ${patch.command}`);
    line('   ```');
    line();
  }
  stopWorkloads(plan, line, step++);
  line(`${step++}. Review the [bindings](#bindings) and [warnings](#warnings) below, then apply this directory to the **target** cluster:`);
  line();
  line('   ```sh');
  line('   kubectl apply -k .');
  line('   ```');
  line();
  line(`${step++}. Check that every claim of the table is \`Bound\` to its volume (\`kubectl get pvc -A\`) before sending traffic to the service.`);
  line();
}

function stopWorkloads(plan: Plan, line: (text?: string) => void, step: number): void {
  const what = 'so that every disk is detached: a disk attaches to one node at a time, and two writers corrupt it';
  if (plan.sourceStops.length === 0) {
    line(`${step}. Stop the workloads in the source cluster that use these disks (none in the input mounts one), ${what}.`);
    return;
  }
  line(`${step}. In the **source** cluster, stop the workloads that mount these disks, ${what}:`);
  line();
  line('   ```sh');
  for (const stop of plan.sourceStops) line(`   ${stop.command || `# ${stop.workload}: kubectl cannot scale it; delete it or wait until it ends`}`);
  line('   ```');
  line();
}

function selfCheck(plan: Plan, line: (text?: string) => void): void {
  line('## Self-check');
  line();
  if (plan.selfCheck.problems.length === 0) {
    line('No problems: lint with every rule finds nothing, and the binding model binds every claim to its own volume.');
    line();
    return;
  }
  line(plan.selfCheck.ok
    ? 'Lint\'s fixes were applied to the output. These warnings remain: no fix changes them; apply the suggestion or leave them, a person decides.'
    : 'Lint\'s fixes were applied to the output. These problems remain: no fix changes them, a person has to decide.'
      + ' The files are written for inspection; fix the source manifests (or apply the suggestion) and run migrate again.');
  line();
  for (const problem of plan.selfCheck.problems) {
    const where = problem.line === undefined ? problem.file : `[${problem.file}:${problem.line}:${problem.column}](${problem.file}#L${problem.line})`;
    const suggestion = problem.suggestion ? ` Suggested: ${problem.suggestion} (\`--apply-suggestions\` applies it.)` : '';
    line(`- ${where}: ${problem.severity}: ${problem.message}${problem.ruleId ? ` (\`${problem.ruleId}\`)` : ''}${suggestion}`);
  }
  line();
}

function bindings(plan: Plan, line: (text?: string) => void): void {
  line('## Bindings');
  line();
  if (plan.bindings.length === 0) {
    line('No claim in the input holds data on a volume the input describes.');
  } else {
    line('Each claim, the static volume that holds its data in the target cluster, and the disk under it:');
    line();
    line('| claim | volume | disk | size | zone | how the source cluster pairs them |');
    line('| --- | --- | --- | --- | --- | --- |');
    for (const binding of plan.bindings) {
      line(`| ${cell(binding.claim)} | ${cell(binding.volume)} | ${cell(binding.disk.label)} | ${cell(binding.size)} | ${cell(binding.zone ?? '(unknown)')} | ${PAIRED_BY[binding.pairedBy]} |`);
    }
    line();
    line('```mermaid');
    line('flowchart LR');
    plan.bindings.forEach((binding, index) => {
      line(`  c${index}["claim ${mermaid(binding.claim)}"] --> v${index}["volume ${mermaid(binding.volume)}"] --> d${index}[("disk ${mermaid(shortDisk(binding.disk.label))}")]`);
    });
    line('```');
  }
  line();
  if (plan.claimsWithoutData.length > 0) {
    line('Claims with no data in the input: each gets a new, empty disk, or stays Pending if its class provisions none (migrate cannot invent a disk):');
    line();
    for (const claim of plan.claimsWithoutData) line(`- ${claim.claim}: ${claim.reason}`);
    line();
  }
}

const PAIRED_BY: Record<Plan['bindings'][number]['pairedBy'], string> = {
  'volume-name': "the claim's `volumeName`",
  'claim-ref': "the volume's `claimRef`",
  selector: "the claim's selector",
  'best-fit': "the PV controller's best fit",
  none: '-',
};

function pinsText(prebind: Plan['prebind']): string {
  switch (prebind) {
    case 'both':
      return "both sides (the volume's `claimRef` and the claim's `volumeName`) and a label selector";
    case 'claimref':
      return "the volume's `claimRef` and a label selector";
    case 'volumename':
      return "the claim's `volumeName` and a label selector";
    case 'selector':
      return 'a label selector only';
  }
}

/** Changes grouped by object, objects in the order they first appear. */
function byObject(changes: readonly Change[]): Map<string, Change[]> {
  const grouped = new Map<string, Change[]>();
  for (const change of changes) grouped.set(change.object, [...(grouped.get(change.object) ?? []), change]);
  return grouped;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Table cells: pipes and newlines would break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The diagram shows a disk's last path segment (its name in an Azure URI or a GCE handle); the table has the whole ID. */
function shortDisk(label: string): string {
  return label.split('/').filter(Boolean).pop() ?? label;
}

/**
 * Mermaid labels, always quoted: inside quotes `"` ends the label and `#` starts an entity code, so both are written
 * as entity codes (#35; #quot;), and so is `|`, which delimits edge labels.
 */
function mermaid(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/\|/g, '#124;');
}

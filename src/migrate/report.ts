import type { Plan } from './index.js';

/** MIGRATION.md: the plan as a reviewer reads it in a pull request. */
export function renderMarkdown(plan: Plan): string {
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  line('# Migration plan');
  line();
  line(`Written by \`kubecarry migrate\` for a target cluster running Kubernetes ${plan.targetKubernetesVersion}. `
    + `Claims are pinned with: ${pinsText(plan.prebind)}; volumes carry the label \`${plan.labelKey}\`.`);
  line();
  line(plan.selfCheck.ok
    ? '**Self-check passed**: the output lints clean with every rule, and every claim binds its own volume.'
    : `**Self-check failed** with ${plan.selfCheck.problems.length} problem${plan.selfCheck.problems.length === 1 ? '' : 's'}: see [Self-check](#self-check) before applying anything.`);
  line();

  line('## Before you delete anything in the source cluster');
  line();
  if (plan.sourcePatches.length === 0) {
    line('Every source volume in the input is `Retain`: deleting a claim or a volume there leaves its disk in place.');
  } else {
    line('These source volumes delete their disk when their claim (or they themselves) are deleted. Switch them to `Retain` first, in the **source** cluster:');
    line();
    line('```sh');
    for (const patch of plan.sourcePatches) line(patch.command);
    line('```');
  }
  line();
  line('Then stop the workloads in the source cluster (the disks attach to one node at a time), and apply this directory to the target cluster:');
  line();
  line('```sh');
  line('kubectl apply -k .   # kustomization.yaml lists the files in apply order');
  line('```');
  line();

  line('## Bindings');
  line();
  if (plan.bindings.length === 0) {
    line('No claim in the input holds data on a volume the input describes.');
  } else {
    line('| claim | volume | disk | size | zone | source pairing |');
    line('| --- | --- | --- | --- | --- | --- |');
    for (const binding of plan.bindings) {
      line(`| ${cell(binding.claim)} | ${cell(binding.volume)} | ${cell(binding.disk.label)} | ${cell(binding.size)} | ${cell(binding.zone ?? '(unknown)')} | ${cell(binding.pairedBy)} |`);
    }
    line();
    line('```mermaid');
    line('flowchart LR');
    plan.bindings.forEach((binding, index) => {
      line(`  c${index}["claim ${mermaid(binding.claim)}"] --> v${index}["volume ${mermaid(binding.volume)}"] --> d${index}[("${mermaid(binding.disk.label)}")]`);
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

  line('## Warnings');
  line();
  if (plan.warnings.length === 0) line('None.');
  for (const warning of plan.warnings) line(`- ${warning.object}: ${warning.message}`);
  line();

  line('## Changes');
  line();
  line('| object | change | why |');
  line('| --- | --- | --- |');
  for (const change of plan.changes) line(`| ${cell(change.object)} | ${cell(change.what)} | ${cell(change.why)} |`);
  line();
  if (plan.dropped.length > 0) {
    line('Not carried over:');
    line();
    for (const dropped of plan.dropped) line(`- ${dropped.object} (${dropped.origin}): ${dropped.reason}`);
    line();
  }

  line('## Self-check');
  line();
  if (plan.selfCheck.ok) line('No problems.');
  for (const problem of plan.selfCheck.problems) {
    const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column}`;
    line(`- ${where}: ${problem.message}${problem.ruleId ? ` (${problem.ruleId})` : ''}`);
  }
  line();
  line('## Files');
  line();
  for (const file of plan.files) line(`- [${file}](${file})`);
  return `${out.join('\n')}\n`;
}

function pinsText(prebind: Plan['prebind']): string {
  switch (prebind) {
    case 'both':
      return "both sides (the volume's `claimRef` and the claim's `volumeName`), plus a label selector";
    case 'claimref':
      return "the volume's `claimRef`, plus a label selector";
    case 'volumename':
      return "the claim's `volumeName`, plus a label selector";
    case 'selector':
      return 'a label selector only';
  }
}

/** Table cells: pipes and newlines would break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Mermaid node labels: quotes end the label. */
function mermaid(text: string): string {
  return text.replace(/"/g, '#quot;');
}

import { readFile } from 'node:fs/promises';
import type { InputFile } from '../engine/linter.js';

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads files in order; an unreadable file becomes a fatal message for that file only. */
export async function readFiles(paths: readonly string[]): Promise<{ inputs: InputFile[]; unreadable: { filePath: string; reason: string }[] }> {
  const inputs: InputFile[] = [];
  const unreadable: { filePath: string; reason: string }[] = [];
  const texts = await Promise.allSettled(paths.map((path) => readFile(path, 'utf8')));
  texts.forEach((text, index) => {
    const filePath = paths[index]!;
    if (text.status === 'fulfilled') inputs.push({ filePath, text: text.value });
    else unreadable.push({ filePath, reason: (text.reason as Error).message });
  });
  return { inputs, unreadable };
}

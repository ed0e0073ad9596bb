// The obvious way: yaml@2 parseAllDocuments with a LineCounter over every file.
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { LineCounter, parseAllDocuments } from 'yaml';

let documents = 0;
for (const file of fg.sync('**/*.{yaml,yml,json}', { cwd: process.argv[2], absolute: true })) {
  documents += parseAllDocuments(readFileSync(file, 'utf8'), { lineCounter: new LineCounter() }).length;
}
console.log(documents);

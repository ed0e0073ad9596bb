// Reads one release of `kubernetes-types` (npm; its versions follow Kubernetes minors): every interface of its .d.ts
// files is a definition named by module and type (core.v1.PodSpec), and those with a literal apiVersion and kind are
// the kinds.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { objectSchema, typeSchema } from './ts-types.js';

export function kubernetesTypesSchema(packageDir) {
  const definitions = {};
  const kinds = {};
  for (const file of declarationFiles(packageDir)) {
    const module = relative(packageDir, file).replace(/\.d\.ts$/, '').split('/').join('.');
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const imports = importedModules(source, relative(packageDir, dirname(file)));
    const reference = (typeName) => ({ $ref: `#/definitions/${imports.get(typeName) ?? `${module}.${typeName}`}` });
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement)) {
        const name = `${module}.${statement.name.text}`;
        for (const member of statement.members) if (!ts.isPropertySignature(member)) throw new Error(`${name}: unexpected member ${member.getText()}`);
        // An empty interface (RawExtension and the like) stands for arbitrary content.
        definitions[name] = statement.members.length === 0 ? {} : objectSchema(statement.members, name, reference);
        const kind = literalMember(statement, 'kind');
        const apiVersion = literalMember(statement, 'apiVersion');
        if (kind && apiVersion) (kinds[apiVersion] ??= {})[kind] = name;
      } else if (ts.isTypeAliasDeclaration(statement)) {
        definitions[`${module}.${statement.name.text}`] = typeSchema(statement.type, reference);
      }
    }
  }
  return { kinds, definitions };
}

function declarationFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return declarationFiles(path);
      return entry.endsWith('.d.ts') && entry !== 'version.d.ts' ? [path] : [];
    });
}

/** `import { A, B } from "../meta/v1"` -> A => meta.v1.A. */
function importedModules(source, fromDir) {
  const names = new Map();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const target = join(fromDir, statement.moduleSpecifier.text).split('/').join('.');
    for (const element of statement.importClause?.namedBindings?.elements ?? []) names.set(element.name.text, `${target}.${element.name.text}`);
  }
  return names;
}

function literalMember(declaration, key) {
  const member = declaration.members.find((m) => m.name?.text === key);
  return member?.type && ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal) ? member.type.literal.text : undefined;
}

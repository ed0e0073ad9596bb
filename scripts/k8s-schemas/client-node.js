// Reads the generated models of one `@kubernetes/client-node` release (npm; its README maps releases to Kubernetes
// minors, and every generated file names the OpenAPI document it came from). The kinds are the bodies the API classes
// POST to a collection path (/api/v1/namespaces/{namespace}/pods -> v1 Pod), plus their List types; each model class of
// its .d.ts is an object definition whose properties without `?` are required.
//
// The package also ships stale files from older generations (models and APIs removed since): a kind whose model was not
// generated from the expected OpenAPI version is left out, and a kind reaching such a model fails loudly.
//
// Definition names follow kubernetes-types (core.v1.PodSpec), so that both sources give comparable schemas and the
// same adjustments apply: a model is named as in `knownNames` (built from a kubernetes-types release), and a model new
// since then is placed in the group of the definition that refers to it (Go types refer to their own package, apart
// from the meta ones, which are all known).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { objectSchema } from './ts-types.js';

/** `V1beta1ResourceClaim` -> version v1beta1, type ResourceClaim; `StorageV1TokenRequest` also has the group Storage. */
const MODEL_NAME = /^((?:[A-Z][a-z]+)*?)(V\d+(?:(?:alpha|beta)\d+)?)([A-Z]\w*)$/;

/** kubernetes-types module of an API group: its first label (`networking.k8s.io` -> networking), `core` for "". */
function groupModule(group) {
  if (group === '') return 'core';
  if (group === 'internal.apiserver.k8s.io') return 'apiserverinternal';
  return group.split('.')[0];
}

export function clientNodeSchema(packageDir, minor, knownNames) {
  const gen = join(packageDir, 'dist', 'gen');
  const layout = existsSync(join(gen, 'models')) ? { models: 'models', apis: 'apis', file: (n) => n } : { models: 'model', apis: 'api', file: (n) => n[0].toLowerCase() + n.slice(1) };
  const isCurrent = (text) => new RegExp(`(?:OpenAPI spec version|version of the OpenAPI document): (?:v${minor.replace('.', '\\.')}\\.\\d+|release-${minor.replace('.', '\\.')})\\s`).test(text);

  const modelFile = (model) => join(gen, layout.models, `${layout.file(model)}.d.ts`);
  const roots = readdirSync(join(gen, layout.apis))
    .filter((entry) => entry.endsWith('.js'))
    .sort()
    .flatMap((entry) => postedBodies(readFileSync(join(gen, layout.apis, entry), 'utf8')))
    .filter(({ model }) => isCurrent(readFileSync(modelFile(model), 'utf8')));
  if (roots.length === 0) throw new Error(`${packageDir}: no kind generated from Kubernetes ${minor}`);
  const definitions = {};
  const nameOf = new Map();
  const queue = [];
  const visit = (model, module) => {
    let name = nameOf.get(model);
    if (name) return name;
    const match = MODEL_NAME.exec(model);
    if (!match) throw new Error(`${packageDir}: unexpected model name ${model}`);
    const [, group, version, type] = match;
    name = knownNames.get(model) ?? `${group ? group.toLowerCase() : module}.${version.toLowerCase()}.${type}`;
    if ([...nameOf.values()].includes(name)) throw new Error(`${packageDir}: ${model} and another model both map to ${name}`);
    nameOf.set(model, name);
    queue.push(model);
    return name;
  };

  const kinds = {};
  /** definition name -> the apiVersion and kind a manifest of it declares. */
  const kindOf = new Map();
  const addKind = (apiVersion, kind, model) => {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const name = visit(model, groupModule(group));
    (kinds[apiVersion] ??= {})[kind] = name;
    kindOf.set(name, { apiVersion, kind });
  };
  for (const { apiVersion, model } of roots) {
    const kind = MODEL_NAME.exec(model)?.[3];
    if (!kind) throw new Error(`${packageDir}: unexpected model name ${model}`);
    addKind(apiVersion, kind, model);
    if (existsSync(modelFile(`${model}List`))) addKind(apiVersion, `${kind}List`, `${model}List`);
  }

  while (queue.length > 0) {
    const model = queue.shift();
    const name = nameOf.get(model);
    const module = name.split('.')[0];
    const text = readFileSync(modelFile(model), 'utf8');
    if (!isCurrent(text)) throw new Error(`${packageDir}: ${model} is a stale model, not generated from Kubernetes ${minor}`);
    const source = ts.createSourceFile(model, text, ts.ScriptTarget.Latest, true);
    const declaration = source.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === model);
    if (!declaration) throw new Error(`${packageDir}: no class ${model} in its model file`);
    const members = declaration.members.filter((m) => ts.isPropertyDeclaration(m) && !m.modifiers?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword));
    const reference = (typeName) => {
      // Date and V1MicroTime (dist/types.d.ts) stand for meta.v1.Time and MicroTime: RFC 3339 strings.
      if (typeName === 'Date' || typeName === 'V1MicroTime') return { type: 'string' };
      if (typeName === 'IntOrString') return { type: ['number', 'string'] };
      return { $ref: `#/definitions/${visit(typeName, module)}` };
    };
    // The model's attributeTypeMap (in its .js) pairs each property `name` with the JSON `baseName`.
    const jsonNames = new Map([...readFileSync(modelFile(model).replace(/\.d\.ts$/, '.js'), 'utf8').matchAll(/"name": "([^"]+)",\s*"baseName": "([^"]+)"/g)].map((m) => [m[1], m[2]]));
    definitions[name] = objectSchema(members, name, reference, (key) => jsonNames.get(key) ?? key);
    // The models declare apiVersion and kind as any string; a kind only takes its own (kubernetes-types declares them so).
    const kind = kindOf.get(name);
    if (kind) Object.assign(definitions[name].properties, { apiVersion: { const: kind.apiVersion }, kind: { const: kind.kind } });
  }
  return { kinds, definitions };
}

/** The `{ apiVersion, model }` of every POST to a collection path in the code of one generated API class. */
function postedBodies(code) {
  const bodies = [];
  for (const chunk of code.split(/localVarPath = /).slice(1)) {
    const path = /^(?:this\.basePath \+ )?'([^']+)'/.exec(chunk)?.[1];
    const model = /serialize\(body, "(\w+)"/.exec(chunk)?.[1];
    const post = /HttpMethod\.POST|method: 'POST'/.test(chunk.split(/serialize\(body/)[0]);
    if (!path || !model || !post || path.includes('{name}') || !MODEL_NAME.test(model)) continue;
    const apiVersion = /^\/api\/(v1)\/|^\/apis\/([^/]+\/[^/]+)\//.exec(path);
    if (apiVersion) bodies.push({ apiVersion: apiVersion[1] ?? apiVersion[2], model });
  }
  return bodies;
}

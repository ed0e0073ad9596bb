// The JSON Schema of a TypeScript type node from generated Kubernetes declarations (kubernetes-types, or the models of
// @kubernetes/client-node). Both are generated from the API server's OpenAPI document, so they use a small regular
// subset of TypeScript; anything else fails loudly.
import ts from 'typescript';

/** `reference(name)` gives the schema of a named type (a `$ref`, or inline for aliases like `Date`). */
export function typeSchema(node, reference) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword: // client-node 0.x declares embedded objects (RawExtension) `object`
      return {};
    case ts.SyntaxKind.LiteralType:
      if (ts.isStringLiteral(node.literal)) return { const: node.literal.text };
      break;
    case ts.SyntaxKind.ArrayType:
      return { type: 'array', items: typeSchema(node.elementType, reference) };
    case ts.SyntaxKind.TypeReference: {
      const typeName = node.typeName.getText();
      if (typeName === 'Array' && node.typeArguments?.length === 1) return { type: 'array', items: typeSchema(node.typeArguments[0], reference) };
      if (!node.typeArguments) return reference(typeName);
      break;
    }
    case ts.SyntaxKind.UnionType: {
      const parts = node.types.map((part) => typeSchema(part, reference));
      // int-or-string (x-kubernetes-int-or-string) is declared `number | string`.
      if (parts.every((part) => typeof part.type === 'string' && Object.keys(part).length === 1)) return { type: parts.map((part) => part.type) };
      return { anyOf: parts };
    }
    case ts.SyntaxKind.TypeLiteral: {
      const [member] = node.members;
      if (node.members.length === 1 && ts.isIndexSignatureDeclaration(member)) return { type: 'object', additionalProperties: typeSchema(member.type, reference) };
      break;
    }
  }
  throw new Error(`unsupported type in the Kubernetes declarations: ${node.getText()}`);
}

/**
 * The schema of an object type from its property members; `name` only names errors. `jsonName` maps a declared
 * property name to the field name in JSON where they differ (client-node declares `default` as `_default`).
 */
export function objectSchema(members, name, reference, jsonName = (key) => key) {
  const properties = {};
  const required = [];
  for (const member of members) {
    const key = jsonName(member.name.text);
    properties[key] = typeSchema(member.type, reference);
    if (!member.questionToken) required.push(key);
  }
  if (members.length === 0) throw new Error(`${name}: no properties`);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

export function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * yaml's parse for small texts read as plain values (a config, a kustomization, a `--rule` flag), in a module of its
 * own: what needs it imports it then, and a run without any does not load yaml. (A dynamic import of this ES module
 * gives the named export in the bundle too, which one of the CommonJS package does not.)
 */
export { parse } from 'yaml';

import { defineRule } from '../engine/rule.js';

// STUB: to be written.
export default defineRule({
  id: 'deprecated-storage-class-annotation',
  meta: {
    type: 'problem',
    docs: { description: 'TODO', recommended: 'off', kinds: [] },
    messages: { todo: 'TODO' },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  create() {
    return {};
  },
});

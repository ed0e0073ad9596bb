import { defineRule } from '../engine/rule.js';

// STUB: to be written.
export default defineRule({
  id: 'storageclass-reclaim-policy',
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

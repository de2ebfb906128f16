import { defineResource } from '../../core/module.js';

// The console (issue 14): filled in by its work; registered now so the resource list is fixed.
export default defineResource({
  name: 'console',
  register() {
    return () => {};
  },
});

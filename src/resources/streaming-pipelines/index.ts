import { defineResource } from '../../core/module.js';

// A placeholder registered while its issue's work lands (issues 13 and 15).
export default defineResource({
  name: 'streaming-pipelines',
  register() {
    return () => {};
  },
});

import { provisionSuite } from './provision-suite.js';

provisionSuite('postgres');

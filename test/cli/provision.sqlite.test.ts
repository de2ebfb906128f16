import { provisionSuite } from './provision-suite.js';

provisionSuite('sqlite');

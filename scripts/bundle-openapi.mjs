// Part of `npm run build`: bundles openapi/ into dist/openapi.json for the built server.
import { writeFileSync } from 'node:fs';
const { loadOpenApi } = await import('../dist/http/contract.js');
writeFileSync(new URL('../dist/openapi.json', import.meta.url), JSON.stringify(loadOpenApi({ fromSources: true })));

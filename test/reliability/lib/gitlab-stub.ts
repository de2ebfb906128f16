import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A GitLab that refuses every token (401), on 127.0.0.1, so repository operations can be fuzzed
 * without any traffic leaving the machine and without the 502 a dead upstream would rightly
 * cause. Counts the calls it got.
 */
export async function startGitLabStub(): Promise<{ url: string; calls: () => number; close(): Promise<void> }> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    calls++;
    req.resume();
    req.on('end', () => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: '401 Unauthorized' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

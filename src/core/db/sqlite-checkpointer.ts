import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses `wal_autocheckpoint` pages: it copies the WAL's pages into the database file and syncs
 * both, synchronously, on the one thread that serves every request. Measured on POST /v1/projects
 * (100 connections), those checkpoints cost 5–10% of the server's throughput.
 *
 * Here a worker thread with its own connection to the file runs `wal_checkpoint(PASSIVE)` a
 * short while after commits (every `intervalMs` at most while writes go on). A PASSIVE
 * checkpoint takes no write lock and never waits, so it runs beside the server's writes; the
 * writer restarts the WAL from its start once a checkpoint has copied all of it. Durability is
 * SQLite's own: a commit is in the WAL when it is acknowledged (synchronous = NORMAL), and the
 * checkpoint syncs the WAL before copying and the database after.
 *
 * The server's connection keeps an automatic checkpoint at a higher mark (`FALLBACK_PAGES`): if
 * the worker cannot keep up, or cannot start, or the WAL never empties under continuous writes,
 * the WAL is still bounded (and restarted) as before, only later.
 *
 * The worker starts after `startAfter` commits, not at start-up: starting a thread costs tens of
 * milliseconds of CPU, which the cold start (a token and a first page, measured 243 → 444 ms
 * when the worker started during it) and a server that is seldom written to should not pay; their
 * few pages wait for the fallback, or for the last connection's checkpoint at close.
 */
export interface Checkpointer {
  /** A COMMIT wrote to the WAL. */
  committed(): void;
  /** Checkpoints run by the worker, and the last one's result (frames in the WAL, frames copied). */
  stats(): { checkpoints: number; failures: number; log: number; copied: number };
  /** Stops the worker (waiting for a checkpoint under way); before the server's connection closes. */
  close(): Promise<void>;
}

/** The server connection's own automatic checkpoint, when the worker does the usual ones: ~40 MB of WAL. */
export const FALLBACK_PAGES = 10_000;

// Plain CommonJS, evaluated in the worker: the driver is required by absolute path, so the
// worker finds the same better-sqlite3 wherever Plinth is installed.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let db, checkpoint, openError;
try {
  db = new (require(workerData.driver))(workerData.file, { fileMustExist: true });
  db.pragma('synchronous = NORMAL');
  checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
} catch (err) {
  openError = String(err && err.message);
}
parentPort.on('message', (m) => {
  if (m === 'close') {
    if (db) db.close();
    parentPort.close();
    return;
  }
  try {
    if (openError) throw new Error(openError);
    const r = checkpoint.get();
    parentPort.postMessage({ log: r.log, copied: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message) });
  }
});
`;

type Reply = { log: number; copied: number } | { error: string };

export function createCheckpointer(file: string, opts: { intervalMs?: number; startAfter?: number; onError?: (message: string) => void } = {}): Checkpointer {
  const intervalMs = opts.intervalMs ?? 200;
  let untilStart = opts.startAfter ?? 100;
  const counts = { checkpoints: 0, failures: 0, log: 0, copied: 0 };
  let worker: Worker | undefined;
  let broken = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight = false;
  let pending = false;
  let exited: Promise<void> | undefined;

  const fail = (message: string) => {
    counts.failures++;
    opts.onError?.(message);
  };

  const start = () => {
    worker = new Worker(WORKER, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
    // The worker must not keep the process alive: the server's connection decides that.
    worker.unref();
    exited = new Promise((resolve) =>
      worker!.once('exit', (code) => {
        // Gone before close (killed, out of memory): the fallback checkpoints from now on.
        if (!closed && !broken) {
          broken = true;
          fail(`the checkpoint worker exited with code ${code}`);
        }
        resolve();
      }),
    );
    worker.on('message', (r: Reply) => {
      inFlight = false;
      if ('error' in r) fail(r.error);
      else {
        counts.checkpoints++;
        counts.log = r.log;
        counts.copied = r.copied;
      }
      if (pending) schedule();
    });
    worker.on('error', (err) => {
      // A worker that cannot run (no threads, a broken install) leaves checkpoints to the fallback.
      broken = true;
      inFlight = false;
      fail(err.message);
    });
  };

  const run = () => {
    timer = undefined;
    if (closed || broken) return;
    pending = false;
    if (!worker) start();
    inFlight = true;
    worker!.postMessage('checkpoint');
  };

  function schedule() {
    if (timer || inFlight || closed || broken) return;
    timer = setTimeout(run, intervalMs);
    timer.unref();
  }

  return {
    committed() {
      if (untilStart > 0 && --untilStart > 0) return;
      pending = true;
      schedule();
    },
    stats: () => ({ ...counts }),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (!worker || broken) return;
      worker.postMessage('close');
      await exited;
    },
  };
}

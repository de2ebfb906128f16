import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Page } from './api';

/** A modal dialog (the browser's own <dialog>: focus stays inside, Escape closes it). */
export function Dialog(props: { title: string; open: boolean; onClose: () => void; children: ComponentChildren; id?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  const titleId = `${props.id ?? 'dialog'}-title`;
  return (
    <dialog ref={ref} id={props.id} aria-labelledby={titleId} onClose={props.onClose} onCancel={props.onClose}>
      {props.open && (
        <article>
          <header>
            <button type="button" aria-label="Close dialog" {...({ rel: 'prev' } as object)} onClick={props.onClose} />
            <h2 id={titleId}>{props.title}</h2>
          </header>
          {props.children}
        </article>
      )}
    </dialog>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p role="alert" class="error">
      {message}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

export function Pager({ page, onPage, label }: { page: Page<unknown> | null; onPage: (p: number) => void; label: string }) {
  if (!page || page.total <= page.size) return null;
  const last = Math.max(0, Math.ceil(page.total / page.size) - 1);
  return (
    <nav aria-label={`${label} pages`} class="pager">
      <button type="button" class="secondary" disabled={page.page <= 0} onClick={() => onPage(page.page - 1)}>
        Previous
      </button>
      <span aria-live="polite">
        Page {page.page + 1} of {last + 1} ({page.total})
      </span>
      <button type="button" class="secondary" disabled={page.page >= last} onClick={() => onPage(page.page + 1)}>
        Next
      </button>
    </nav>
  );
}

export const formatDate = (iso?: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

/** Copies text; tells the user whether it worked (clipboard access can be refused). */
export function CopyButton({ text, label = 'Copy', onCopied }: { text: string; label?: string; onCopied?: () => void }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setState('copied');
            onCopied?.();
          } catch {
            setState('failed');
          }
        }}
      >
        {label}
      </button>
      <span aria-live="polite" class="note">
        {state === 'copied' ? ' Copied.' : state === 'failed' ? ' Copying was refused by the browser: select the text and copy it.' : ''}
      </span>
    </>
  );
}

/** Loads a page of something, with loading / error state and a reload. */
export function usePaged<T>(load: (page: number) => Promise<Page<T>>, deps: unknown[] = []) {
  const [page, setPage] = useState(0);
  const [data, setData] = useState<Page<T> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load(page)
      .then((d) => live && (setData(d), setError(null)))
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => void (live = false);
  }, [page, tick, ...deps]);
  return { data, error, loading, page, setPage, reload: () => setTick((t) => t + 1) };
}

import type { ComponentChildren, VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Dialog, Empty, ErrorNote, Pager, usePaged } from './ui';

/** Runs one user action at a time, keeping its busy flag and its last error for the form to show. */
export function useSubmit() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  /** A form's onSubmit: the browser's own submit is replaced by the action, given the form's fields. */
  const onSubmit = (action: (form: FormData) => Promise<void>) => (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    void run(() => action(form));
  };
  return { error, setError, busy, run, onSubmit };
}

/** Cancel, then the dialog's one action (a submit button unless onConfirm is given). */
export function DialogFooter(props: { onCancel: () => void; label: string; busy: boolean; danger?: boolean; disabled?: boolean; onConfirm?: () => void }) {
  return (
    <footer>
      <button type="button" class="secondary" onClick={props.onCancel}>
        Cancel
      </button>
      <button
        type={props.onConfirm ? 'button' : 'submit'}
        class={props.danger ? 'danger' : undefined}
        aria-busy={props.busy}
        disabled={props.busy || props.disabled}
        onClick={props.onConfirm}
      >
        {props.label}
      </button>
    </footer>
  );
}

/** A question with a dangerous answer: the action's error stays in the dialog; success is the caller's to handle. */
export function ConfirmDialog(props: { id: string; title: string; open: boolean; onClose: () => void; label: string; action: () => Promise<void>; children: ComponentChildren }) {
  const { error, setError, busy, run } = useSubmit();
  useEffect(() => setError(null), [props.open]);
  return (
    <Dialog id={props.id} title={props.title} open={props.open} onClose={props.onClose}>
      {props.children}
      <ErrorNote error={error} />
      <DialogFooter onCancel={props.onClose} label={props.label} busy={busy} danger onConfirm={() => void run(props.action)} />
    </Dialog>
  );
}

/** <option>s for a fixed list of [value, label] pairs. */
export function Options({ pairs }: { pairs: readonly (readonly [string, string])[] }) {
  return (
    <>
      {pairs.map(([v, l]) => (
        <option value={v} key={v}>
          {l}
        </option>
      ))}
    </>
  );
}

export type Paged<T> = ReturnType<typeof usePaged<T>>;

/** A loaded list as a table: its error, its empty note, its rows and (given a label) its pager. */
export function PagedTable<T>(props: {
  list: Paged<T>;
  empty: ComponentChildren;
  columns: string[];
  actions?: boolean;
  label?: string;
  children: (item: T) => VNode;
}) {
  const { list } = props;
  return (
    <>
      <ErrorNote error={list.error} />
      {list.data && list.data.total === 0 && <Empty>{props.empty}</Empty>}
      {list.data && list.data.results.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                {props.columns.map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
                {props.actions && (
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>{list.data.results.map(props.children)}</tbody>
          </table>
        </div>
      )}
      {props.label && <Pager page={list.data} onPage={list.setPage} label={props.label} />}
    </>
  );
}

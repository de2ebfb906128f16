import { useState } from 'preact/hooks';
import { api, type Page } from '../api';
import { Empty, ErrorNote, Pager, usePaged } from '../ui';

interface AuditEvent {
  eventId: string;
  actorId: string;
  actorEmail?: string | null;
  eventName: string;
  eventType: string;
  eventSource: string;
  eventDescription: string;
  eventSubjectType: string;
  eventSubjectName?: string | null;
  eventProjectId?: string | null;
  eventTimestamp: string;
}

const EVENT_TYPES = ['', 'CREATE', 'UPDATE', 'DELETE', 'AUTHENTICATION'];
// <input type="datetime-local"> speaks local time without a zone.
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

interface Filter {
  from: string;
  to: string;
  eventName: string;
  eventType: string;
  projectId: string;
}

export function Audit() {
  const now = new Date();
  const [filter, setFilter] = useState<Filter>({ from: localInput(new Date(now.getTime() - 24 * 3600_000)), to: localInput(new Date(now.getTime() + 3600_000)), eventName: '', eventType: '', projectId: '' });
  const list = usePaged<AuditEvent>(
    (page) => {
      const q = new URLSearchParams({ from: new Date(filter.from).toISOString(), to: new Date(filter.to).toISOString(), page: String(page), size: '25', order: 'desc' });
      if (filter.eventName) q.set('eventName', filter.eventName);
      if (filter.eventType) q.set('eventType', filter.eventType);
      if (filter.projectId) q.set('projectId', filter.projectId);
      return api<Page<AuditEvent>>('GET', `/v1/events?${q}`);
    },
    [filter],
  );
  const submit = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    list.setPage(0);
    setFilter({ from: String(f.get('from')), to: String(f.get('to')), eventName: String(f.get('eventName')).trim(), eventType: String(f.get('eventType')), projectId: String(f.get('projectId')).trim() });
  };
  return (
    <section>
      <hgroup>
        <h1>Audit events</h1>
        <p>Who did what, through which interface. Newest first.</p>
      </hgroup>
      <form onSubmit={submit} class="filters" aria-label="Filter audit events">
        <label>
          From
          <input type="datetime-local" name="from" defaultValue={filter.from} required />
        </label>
        <label>
          To
          <input type="datetime-local" name="to" defaultValue={filter.to} required />
        </label>
        <label>
          Event name
          <input name="eventName" placeholder="e.g. project_created" defaultValue={filter.eventName} />
        </label>
        <label>
          Event type
          <select name="eventType" defaultValue={filter.eventType}>
            {EVENT_TYPES.map((t) => (
              <option value={t} key={t}>
                {t || 'Any'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Project id
          <input name="projectId" defaultValue={filter.projectId} />
        </label>
        <button type="submit">Show events</button>
      </form>
      <ErrorNote error={list.error} />
      {list.data && list.data.total === 0 && <Empty>No events in this time range.</Empty>}
      {list.data && list.data.results.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Description</th>
                <th scope="col">Actor and source</th>
              </tr>
            </thead>
            <tbody>
              {list.data.results.map((e) => (
                <tr key={e.eventId}>
                  <td>
                    <time dateTime={e.eventTimestamp} title={e.eventTimestamp}>
                      {new Date(e.eventTimestamp).toLocaleDateString(undefined, { dateStyle: 'medium' })}
                      <br />
                      <small>{new Date(e.eventTimestamp).toLocaleTimeString()}</small>
                    </time>
                  </td>
                  <td class="nowrap">
                    <code>{e.eventName}</code>
                    <br />
                    <small>{e.eventType}</small>
                  </td>
                  <td>
                    {e.eventDescription}
                    {e.eventSubjectName && <small> · {e.eventSubjectName}</small>}
                  </td>
                  <td class="wrap">
                    {e.actorEmail ?? e.actorId}
                    <br />
                    <small data-testid="source">{e.eventSource}</small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={list.data} onPage={list.setPage} label="Audit events" />
    </section>
  );
}

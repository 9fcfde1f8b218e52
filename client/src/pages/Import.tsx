import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client';
import { useEffect, useId, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { Link } from 'react-router';
import { invalidateRunAggregates, prependToConnection } from '../apollo/cache';
import { useLiveStatus } from '../apollo/client';
import { authHeader } from '../apollo/session';
import { ImportActivityMutation, ImportJobQuery, ImportJobsQuery, ImportProgressSubscription, ShoesQuery } from '../api/operations';
import type { ActivityFormat, ImportJobFieldsFragment, Visibility } from '../gql/graphql';
import { errorMessage } from '../lib/errors';
import { defaultChoiceLabel, NO_SHOE, shoeIdFor } from '../lib/shoe-choice';
import { formatDateTime, formatDistance, formatDuration, plural, VISIBILITY_LABELS } from '../lib/format';
import { Card, Empty, ErrorBox, Loading, PageHeader, ProgressBar, SelectField } from '../ui/components';
import { Icon } from '../ui/icons';
import { useViewer } from '../viewer';

type Kind = { format: ActivityFormat } | { archive: true } | null;

/** What a dropped file is, by its extension. */
function kindOf(file: File): Kind {
  const name = file.name.toLowerCase();
  if (name.endsWith('.gpx')) return { format: 'GPX' };
  if (name.endsWith('.tcx')) return { format: 'TCX' };
  if (name.endsWith('.fit')) return { format: 'FIT' };
  if (name.endsWith('.zip') || name.endsWith('.gz') || name.endsWith('.tgz')) return { archive: true };
  return null;
}

/** importActivity takes GPX/TCX as text and FIT as base64 of its bytes. */
function readContent(file: File, format: ActivityFormat): Promise<string> {
  if (format !== 'FIT') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** POST /api/imports with the archive as the body; answers `{ id }`. */
async function uploadArchive(file: File): Promise<string> {
  const res = await fetch('/api/imports', {
    method: 'POST',
    headers: {
      ...authHeader(),
      'content-type': file.name.toLowerCase().endsWith('.zip') ? 'application/zip' : 'application/gzip',
      'content-disposition': attachmentNamed(file.name),
    },
    body: file,
  });
  const body = (await res.json().catch(() => null)) as { id?: string; error?: { message?: string } } | null;
  if (res.status === 404 && !body) throw new Error('This server does not accept archive imports yet.');
  if (!res.ok || !body?.id) throw new Error(sentence(body?.error?.message ?? `The upload failed (${res.status}).`));
  return body.id;
}

/**
 * `Content-Disposition: attachment` naming the file as RFC 6266 says: `filename*` in UTF-8 for any
 * name, and a plain ASCII `filename` beside it for servers that read only that.
 */
function attachmentNamed(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A server message that continues a sentence ("the upload is larger…") as one that starts it. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface FileResult {
  key: string;
  name: string;
  state: 'working' | 'done' | 'failed';
  message?: string;
  run?: { id: string; name?: string | null; distance: number; duration: number };
  jobId?: string;
}

export default function ImportPage() {
  const me = useViewer();
  const client = useApolloClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  // Starts from the runner's default (Settings → Privacy); a choice here wins for this page.
  const [visibility, setVisibility] = useState<Visibility>(me.defaultVisibility ?? 'FOLLOWERS');
  const [shoeId, setShoeId] = useState('');
  const [results, setResults] = useState<FileResult[]>([]);
  const shoes = useQuery(ShoesQuery, { variables: { includeRetired: false } });
  const jobs = useQuery(ImportJobsQuery);
  const [importActivity] = useMutation(ImportActivityMutation);
  const defaultShoe = shoes.data?.shoes.find((s) => s.isDefault);

  const update = (key: string, patch: Partial<FileResult>) => setResults((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function handle(files: FileList | File[]) {
    const list = Array.from(files);
    const added = list.map((f, i) => ({ key: `${Date.now()}-${i}-${f.name}`, name: f.name, state: 'working' as const }));
    setResults((rs) => [...added, ...rs]);
    // One at a time: a runner's own server, and each run's feedback in order.
    for (const [i, file] of list.entries()) {
      const key = added[i]!.key;
      const kind = kindOf(file);
      try {
        if (!kind) throw new Error('Not a GPX, TCX, FIT or archive (.zip, .gz) file.');
        if ('archive' in kind) {
          const jobId = await uploadArchive(file);
          // Still importing: the result settles when the job finishes (JobProgress's onFinished).
          update(key, { jobId, message: 'Uploaded: importing in the background.' });
          continue;
        }
        const content = await readContent(file, kind.format);
        const { data } = await importActivity({
          variables: { format: kind.format, content, visibility, shoeId: shoeIdFor(shoeId, { editing: false }) },
          update(cache, { data: d }) {
            if (!d) return;
            prependToConnection(cache, { field: 'runs', edgeTypename: 'RunEdge', node: d.importActivity });
            prependToConnection(cache, {
              id: cache.identify({ __typename: 'User', id: me.id }),
              field: 'runs',
              edgeTypename: 'RunEdge',
              node: d.importActivity,
            });
            invalidateRunAggregates(cache, me.id);
          },
        });
        update(key, { state: 'done', run: data?.importActivity });
      } catch (err) {
        update(key, { state: 'failed', message: errorMessage(err) });
      }
    }
    if (input.current) input.current.value = '';
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) void handle(e.dataTransfer.files);
  }

  const jobFinished = (key: string, job: ImportJobFieldsFragment) => {
    update(key, {
      state: job.status === 'DONE' ? 'done' : 'failed',
      message: job.status === 'DONE' ? undefined : 'The import stopped: see the problems below.',
    });
    void jobs.refetch();
    invalidateRunAggregates(client.cache, me.id);
    client.cache.evict({ id: 'ROOT_QUERY', fieldName: 'runs' });
    client.cache.evict({ id: client.cache.identify({ __typename: 'User', id: me.id }), fieldName: 'runs' });
  };

  return (
    <>
      <PageHeader title="Import" subtitle="Bring your runs from a watch, an app, or a whole Strava or Garmin export." />
      <Card>
        <div className="import-options">
          <SelectField label="Who can see imported runs" value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
            {Object.entries(VISIBILITY_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </SelectField>
          <SelectField label="Shoe (single files)" value={shoeId} onChange={(e) => setShoeId(e.target.value)}>
            <option value="">{defaultChoiceLabel(shoes.data?.shoes)}</option>
            {defaultShoe && <option value={NO_SHOE}>No shoe</option>}
            {(shoes.data?.shoes ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        </div>
        <label
          htmlFor={inputId}
          className={`dropzone ${dragging ? 'dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <Icon name="upload" className="dropzone-icon" />
          <span className="dropzone-title">Drop files here, or choose them</span>
          <span className="dropzone-hint">GPX, TCX or FIT activities · a Strava or Garmin archive (.zip, .gz)</span>
          <input
            ref={input}
            id={inputId}
            type="file"
            className="visually-hidden"
            multiple
            accept=".gpx,.tcx,.fit,.zip,.gz,.tgz"
            onChange={(e) => e.target.files && void handle(e.target.files)}
            data-testid="import-input"
          />
        </label>
        {results.length > 0 && (
          <ul className="list import-results" aria-live="polite">
            {results.map((r) => (
              <li key={r.key} className={`import-result import-${r.state}`}>
                <div className="row-between">
                  <strong className="file-name">{r.name}</strong>
                  <span className={`pill pill-${r.state}`}>
                    {r.state === 'working' ? 'Importing…' : r.state === 'done' ? 'Imported' : 'Failed'}
                  </span>
                </div>
                {r.run && (
                  <p>
                    <Link to={`/runs/${r.run.id}`}>{r.run.name || 'Run'}</Link> · {formatDistance(r.run.distance, me.units)} in{' '}
                    {formatDuration(r.run.duration)}
                  </p>
                )}
                {r.message && <p className={r.state === 'failed' ? 'error-text' : 'muted'}>{r.message}</p>}
                {r.jobId && <JobProgress jobId={r.jobId} onFinished={(job) => jobFinished(r.key, job)} />}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Earlier imports" titleId="jobs-title">
        {jobs.error && <ErrorBox error={jobs.error} title="Import history unavailable" retry={() => void jobs.refetch()} />}
        {jobs.loading && !jobs.data && <Loading />}
        {jobs.data &&
          (jobs.data.importJobs.length ? (
            <ul className="list">
              {jobs.data.importJobs.map((job) => (
                <li key={job.id}>
                  <JobSummary job={job} />
                </li>
              ))}
            </ul>
          ) : (
            <Empty title="No archive imports yet" />
          ))}
      </Card>
    </>
  );
}

const finished = (job: ImportJobFieldsFragment) => job.status === 'DONE' || job.status === 'FAILED';

/**
 * A running job, live: importProgress events land in the cache under ImportJob:id, which
 * this query reads. The job may have moved on before the subscription was in place, so the
 * job is read once more as soon as the WebSocket is up.
 */
function JobProgress({ jobId, onFinished }: { jobId: string; onFinished: (job: ImportJobFieldsFragment) => void }) {
  const { data, error, refetch } = useQuery(ImportJobQuery, { variables: { id: jobId } });
  const job = data?.importJob;
  const done = job ? finished(job) : false;
  const { error: liveError } = useSubscription(ImportProgressSubscription, { variables: { jobId }, skip: done });
  const live = useLiveStatus();
  useEffect(() => {
    if (live === 'connected' && !done) void refetch();
  }, [live, done, refetch]);
  const reported = useRef(false);
  useEffect(() => {
    if (done && job && !reported.current) {
      reported.current = true;
      onFinished(job);
    }
  }, [done, job, onFinished]);

  if (error) return <ErrorBox error={error} />;
  if (!job) return <Loading label="Waiting for the import to start…" />;
  return (
    <>
      <JobSummary job={job} />
      {liveError && <p className="error-text">Live progress unavailable: {errorMessage(liveError)}</p>}
    </>
  );
}

function JobSummary({ job }: { job: ImportJobFieldsFragment }) {
  const processed = job.imported + job.skipped + job.failed;
  const statusText = { QUEUED: 'Queued', RUNNING: 'Importing', DONE: 'Done', FAILED: 'Failed' }[job.status];
  return (
    <div className="job" data-testid="import-job" data-status={job.status}>
      <div className="row-between">
        <span>
          <strong>{job.fileName ?? 'Archive'}</strong> <span className="muted small">{formatDateTime(job.createdAt)}</span>
        </span>
        <span className={`pill pill-${job.status.toLowerCase()}`}>{statusText}</span>
      </div>
      <ProgressBar
        value={job.total ? processed / job.total : finished(job) ? 1 : 0}
        label={`Import of ${job.fileName ?? 'archive'}`}
        tone={job.status === 'FAILED' ? 'danger' : 'ok'}
      />
      <p className="muted small" data-testid="import-counts">
        {processed} of {plural(job.total, 'activity', 'activities')} · {job.imported} imported · {job.skipped} skipped · {job.failed} failed
      </p>
      {job.problems.length > 0 && (
        <details className="problems">
          <summary>{plural(job.problems.length, 'problem')}</summary>
          <ul>
            {job.problems.map((p, i) => (
              <li key={`${p.file}-${i}`}>
                <code>{p.file}</code>: {sentence(p.message)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

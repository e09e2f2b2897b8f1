import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../src/store/migrate.ts';
import { openDatabase } from '../src/store/open-database.ts';
import { WEEK_SQL } from '../src/store/sqlite-week-activity.ts';
import { CHANNELS, FROM, seed, TO } from '../bench/summary.ts';

const dir = mkdtempSync(join(tmpdir(), 'q-'));
const db = openDatabase(join(dir, 'b.sqlite'));
migrate(db);
seed(db);
const DEBATES = `SELECT d.id FROM json_each(@channels) c JOIN debates d
  ON d.platform = c.value ->> 0 AND d.workspace_id = c.value ->> 1 AND d.channel_id = c.value ->> 2
  WHERE d.opened_at < @to AND (d.closed_at IS NULL OR d.closed_at >= @from)`;
const OLD = `WITH ds AS MATERIALIZED (${DEBATES}),
    dl AS (
      SELECT persuaded_by AS argument_id, count(*) AS deltas, sum(at >= @from) AS week_deltas FROM vote_events
      WHERE persuaded_by IN (SELECT id FROM arguments WHERE debate_id IN ds) AND at < @to GROUP BY persuaded_by),
    scored AS (
      SELECT a.id, a.debate_id, a.number, a.side, a.text, a.author_key, a.author_name, a.created_at, a.withdrawn_at, a.edited_at,
        (SELECT count(*) FROM endorsements e WHERE e.argument_id = a.id AND e.at < @to) AS endorsements,
        coalesce(dl.deltas, 0) AS deltas, coalesce(dl.week_deltas, 0) AS week_deltas
      FROM arguments a LEFT JOIN dl ON dl.argument_id = a.id
      WHERE a.debate_id IN ds AND a.created_at < @to AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= @to))
    SELECT * FROM scored ORDER BY debate_id, number`;
const PACKED = OLD.replace(
  '(SELECT count(*) FROM endorsements e WHERE e.argument_id = a.id AND e.at < @to) AS endorsements,',
  `(SELECT count(*) FROM endorsements e WHERE e.argument_id = a.id AND e.at < @to) AS endorsements,
   (SELECT sum(v.side = 'pro') * 4294967296 + sum(v.side = 'con') FROM endorsements e
      JOIN votes v ON v.debate_id = a.debate_id AND v.voter_key = e.endorser_key
      WHERE e.argument_id = a.id AND e.at < @to) AS sides,`,
);
const GROUPED = `WITH ds AS MATERIALIZED (${DEBATES}),
    dl AS (
      SELECT persuaded_by AS argument_id, count(*) AS deltas, sum(at >= @from) AS week_deltas FROM vote_events
      WHERE persuaded_by IN (SELECT id FROM arguments WHERE debate_id IN ds) AND at < @to GROUP BY persuaded_by)
    SELECT a.id, a.debate_id, a.number, a.side, a.text, a.author_key, a.author_name, a.created_at, a.withdrawn_at, a.edited_at,
        count(e.argument_id) AS endorsements, coalesce(sum(v.side = 'pro'), 0) AS endorsers_pro,
        coalesce(sum(v.side = 'con'), 0) AS endorsers_con,
        coalesce(dl.deltas, 0) AS deltas, coalesce(dl.week_deltas, 0) AS week_deltas
      FROM arguments a LEFT JOIN dl ON dl.argument_id = a.id
      LEFT JOIN endorsements e ON e.argument_id = a.id AND e.at < @to
      LEFT JOIN votes v ON v.debate_id = a.debate_id AND v.voter_key = e.endorser_key
      WHERE a.debate_id IN ds AND a.created_at < @to AND (a.withdrawn_at IS NULL OR a.withdrawn_at >= @to)
      GROUP BY a.debate_id, a.number ORDER BY a.debate_id, a.number`;
console.log(db.prepare(`EXPLAIN QUERY PLAN ${GROUPED}`).all({ channels: '[]', from: 0, to: 0 }).map((r) => (r as { detail: string }).detail).join('\n'));
const variants: Record<string, string> = { old: OLD, current: WEEK_SQL.arguments, grouped: GROUPED, packed: PACKED };
for (let round = 0; round < 3; round++)
  for (const [name, sql] of Object.entries(variants)) {
    const stmt = db.prepare(sql);
    const t0 = performance.now();
    let rows = 0;
    for (let first = 1; first <= CHANNELS; first += 50) {
      const channels = [];
      for (let c = first; c < first + 50 && c <= CHANNELS; c++) channels.push(['slack', 'W', `C${c}`]);
      rows += stmt.all({ channels: JSON.stringify(channels), from: FROM, to: TO }).length;
    }
    console.log(round, name, Math.round(performance.now() - t0), 'ms', rows);
  }

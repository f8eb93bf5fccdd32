#!/usr/bin/env node
// Re-runs the real-project evaluation (see /work/shared/EVALUATING.md and README.md here): for every label file
// whose tree is present locally, runs `deploycheck check <tree> --format json` zero-config and scores the
// findings against the labels. Prints per repository and totals; skips cleanly when no tree is present.
//
// node bench/real-projects/compare.mjs [--root DIR] [--bin FILE] [--labels DIR] [--json] [--details] [slug…]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const AT_LEAST_LOW = new Set(['critical', 'high', 'medium', 'low']);
const RUN_TIMEOUT_MS = 10 * 60 * 1000;

function parseArgs(argv) {
  const opts = { root: '/work/scratch/real', bin: undefined, labels: undefined, json: false, details: false, slugs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--root') opts.root = value();
    else if (a === '--bin') opts.bin = value();
    else if (a === '--labels') opts.labels = value();
    else if (a === '--json') opts.json = true;
    else if (a === '--details') opts.details = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.slugs.push(a);
  }
  return opts;
}

// The labels live next to this script unless the caller works in a checkout with its own set.
function labelsDir(opts) {
  if (opts.labels) return path.resolve(opts.labels);
  const local = path.resolve('bench/real-projects');
  if (local !== SCRIPT_DIR && existsSync(local) && readdirSync(local).some((f) => f.endsWith('.json'))) return local;
  return SCRIPT_DIR;
}

function binPath(opts) {
  if (opts.bin) return path.resolve(opts.bin);
  const local = path.resolve('bin/deploycheck.js');
  return existsSync(local) ? local : path.resolve(SCRIPT_DIR, '../../bin/deploycheck.js');
}

const norm = (file) => (file ?? '').replace(/\\/g, '/').replace(/^\.\//, '');

function loadLabels(dir, slugs) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const labels = [];
  for (const f of files) {
    let label;
    try {
      label = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    } catch (err) {
      console.error(`skip ${f}: not valid JSON (${err.message})`);
      continue;
    }
    if (!label.slug) label.slug = f.replace(/\.json$/, '');
    if (slugs.length && !slugs.includes(label.slug)) continue;
    labels.push(label);
  }
  return labels;
}

function runCheck(bin, tree) {
  const started = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [bin, 'check', tree, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: RUN_TIMEOUT_MS,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (res.error) return { seconds, error: res.error.message };
  try {
    return { seconds, report: JSON.parse(res.stdout) };
  } catch {
    const why = (res.stderr || res.stdout || '').trim().split('\n').slice(-3).join(' | ');
    return { seconds, error: `exit ${res.status}: no JSON report (${why.slice(0, 300)})` };
  }
}

const findingFile = (f) => norm(f.location?.file ?? f.file);
const findingLine = (f) => f.location?.line ?? f.line ?? 0;
const fileMatches = (want, got) => want === undefined || want === null || want === '' || norm(want) === got;
// The other places a finding names as the same problem (one finding per distinct secret value, its other
// occurrences listed as related: issue 12 item 11). A labelled problem at one of them is found by the finding.
const relatedFiles = (f) => (Array.isArray(f.related) ? f.related : []).map((r) => norm(r.location?.file)).filter(Boolean);
const findsProblem = (p, f, file) => (p.rules ?? []).includes(f.rule) && (fileMatches(p.file, file) || (Boolean(p.file) && relatedFiles(f).includes(norm(p.file))));

// The model's answer for the label's project. With `projects[].production` (check report v2) the answer is
// the project production reaches (deployed, preferring the label's root) and its chosen settings module, and it
// is right only when both root and module match; older reports only carry `settingsModule`.
function productionModule(production) {
  const chosen = (production.candidates ?? []).find((c) => c.chosen);
  if (chosen) return chosen.module;
  return (production.steps ?? []).find((s) => s.kind === 'settings' && s.value !== 'none')?.value ?? null;
}

function modelSettings(report, projectRoot) {
  const projects = Array.isArray(report.projects) ? report.projects : [];
  const wantRoot = norm(projectRoot);
  const atRoot = (p) => norm(p.root) === wantRoot;
  if (projects.some((p) => p.production)) {
    const deployed = projects.filter((p) => p.production?.deployment?.status === 'deployed');
    const pick = deployed.find(atRoot) ?? deployed[0] ?? projects.find(atRoot) ?? projects[0];
    return {
      root: norm(pick.root),
      module: pick.production ? productionModule(pick.production) : (pick.settingsModule ?? null),
      line: pick.production?.line ?? null,
      deployment: pick.production?.deployment?.status ?? null,
      viaProduction: true,
    };
  }
  const pick = projects.find(atRoot) ?? projects[0];
  if (!pick) return { root: null, module: null, line: null, deployment: null, viaProduction: false };
  return { root: norm(pick.root), module: pick.settingsModule ?? null, line: null, deployment: null, viaProduction: false };
}

// A Node label names the server file production runs (`production.entry`, null for `next start`) instead of a
// settings module; the model's answer is the first entry of the Node project at the label's root.
function modelNodeEntry(report, projectRoot) {
  const nodes = (Array.isArray(report.projects) ? report.projects : []).filter((p) => p.kind === 'node');
  const pick = nodes.find((p) => norm(p.root) === norm(projectRoot)) ?? nodes[0];
  if (!pick) return { root: null, module: null };
  return { root: norm(pick.root), module: norm(pick.production?.entries?.[0]?.file) || null };
}

function productionAnswer(label, report) {
  const labelRoot = norm(label.production?.projectRoot);
  if (label.production && 'entry' in label.production) {
    const want = norm(label.production.entry) || null;
    const model = modelNodeEntry(report, labelRoot);
    return { label: want, labelRoot, model: model.module, modelRoot: model.root, right: model.root === labelRoot && model.module === want, line: null };
  }
  const labelModule = label.production?.settingsModule ?? null;
  const model = modelSettings(report, labelRoot);
  const right = labelModule !== null && model.module === labelModule && (!model.viaProduction || model.root === labelRoot);
  return { label: labelModule, labelRoot, model: model.module, modelRoot: model.root, right, line: model.line, deployment: model.deployment };
}

function score(label, report) {
  const findings = (Array.isArray(report.findings) ? report.findings : []).filter((f) => AT_LEAST_LOW.has(f.severity));
  const problems = label.problems ?? [];
  const mustNot = label.mustNotReport ?? [];
  const verdicts = label.verdicts ?? [];
  const found = new Set();
  const judged = [];
  for (const f of findings) {
    const file = findingFile(f);
    const line = findingLine(f);
    const key = { rule: f.rule, file, line, severity: f.severity, message: f.message };
    const matched = problems.filter((p) => findsProblem(p, f, file));
    if (matched.length) {
      for (const p of matched) found.add(p.id);
      judged.push({ ...key, verdict: 'true', why: `problem ${matched.map((p) => p.id).join(',')}` });
      continue;
    }
    const banned = mustNot.find((m) => (m.rules ?? []).includes(f.rule) && fileMatches(m.file, file));
    if (banned) {
      judged.push({ ...key, verdict: 'false', why: `mustNotReport: ${banned.why ?? ''}` });
      continue;
    }
    const v = verdicts.find((x) => x.rule === f.rule && norm(x.file) === file && (x.line ?? 0) === line);
    judged.push(v ? { ...key, verdict: v.verdict, why: v.why ?? '' } : { ...key, verdict: 'unjudged', why: '' });
  }
  const count = (v) => judged.filter((j) => j.verdict === v).length;
  const answer = productionAnswer(label, report);
  return {
    slug: label.slug,
    settingsModule: { label: answer.label, labelRoot: answer.labelRoot, model: answer.model, modelRoot: answer.modelRoot, right: answer.right },
    production: answer.line ? { line: answer.line, deployment: answer.deployment } : null,
    findings: findings.length,
    labelled: problems.length,
    found: found.size,
    missed: problems.filter((p) => !found.has(p.id)).map((p) => ({ id: p.id, rules: p.rules, file: p.file, line: p.line, note: p.note })),
    true: count('true'),
    false: count('false'),
    contested: count('contested'),
    unjudged: count('unjudged'),
    grade: report.summary?.grade ?? report.grade?.grade ?? null,
    judged,
  };
}

const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

function totals(rows) {
  const ok = rows.filter((r) => !r.error);
  const sum = (k) => ok.reduce((s, r) => s + r[k], 0);
  const labelled = sum('labelled');
  const found = sum('found');
  const t = sum('true');
  const f = sum('false');
  const largest = ok.reduce((m, r) => (!m || r.findings > m.findings ? r : m), null);
  const slowest = rows.reduce((m, r) => (!m || r.seconds > m.seconds ? r : m), null);
  return {
    repositories: rows.length,
    errors: rows.length - ok.length,
    labelled,
    found,
    recall: labelled ? found / labelled : null,
    true: t,
    false: f,
    contested: sum('contested'),
    unjudged: sum('unjudged'),
    precision: t + f ? t / (t + f) : null,
    settingsModuleRight: ok.filter((r) => r.settingsModule.right).length,
    settingsModuleOf: ok.length,
    largestReport: largest ? { slug: largest.slug, findings: largest.findings } : null,
    slowestRun: slowest ? { slug: slowest.slug, seconds: Number(slowest.seconds.toFixed(2)) } : null,
  };
}

// `root:` before a module when the project is not at the workspace root.
const rootPrefix = (root) => (root ? `${root}:` : '');
const shorten = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function printText(rows, tot, details) {
  const header = ['repository', 'settings module', 'found/lab', 'true/false/cont/unj', 'findings', 'grade', 'time'];
  const lines = rows.map((r) =>
    r.error
      ? [r.slug, 'ERROR', '-', '-', '-', '-', `${r.seconds.toFixed(1)}s`]
      : [
          r.slug,
          `${r.settingsModule.right ? 'right' : 'wrong'} (${rootPrefix(r.settingsModule.modelRoot)}${r.settingsModule.model ?? 'none'})`,
          `${r.found}/${r.labelled}`,
          `${r.true}/${r.false}/${r.contested}/${r.unjudged}`,
          String(r.findings),
          String(r.grade ?? '-'),
          `${r.seconds.toFixed(1)}s`,
        ],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cols) => cols.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(fmt(header));
  for (const l of lines) console.log(fmt(l));
  console.log('');
  console.log(`recall     ${tot.found}/${tot.labelled} = ${pct(tot.found, tot.labelled)}`);
  console.log(`precision  ${tot.true}/${tot.true + tot.false} = ${pct(tot.true, tot.true + tot.false)} (contested ${tot.contested}, unjudged ${tot.unjudged})`);
  console.log(`settings module (Node: server entry) right on ${tot.settingsModuleRight} of ${tot.settingsModuleOf}`);
  if (tot.largestReport) console.log(`largest report: ${tot.largestReport.slug} (${tot.largestReport.findings} findings >= low)`);
  if (tot.slowestRun) console.log(`slowest run: ${tot.slowestRun.slug} (${tot.slowestRun.seconds}s)`);
  if (tot.errors) console.log(`runs without a report: ${tot.errors}`);
  for (const r of rows) {
    if (r.error) {
      console.log(`\n${r.slug}: ${r.error}`);
      continue;
    }
    if (!details) continue;
    const shown = r.judged.filter((j) => j.verdict !== 'true');
    console.log(`\n${r.slug}`);
    if (r.production) console.log(`  production: ${shorten(r.production.line, 150)} [${r.production.deployment ?? '?'}]`);
    if (!r.settingsModule.right) {
      const model = `${rootPrefix(r.settingsModule.modelRoot)}${r.settingsModule.model ?? 'none'}`;
      console.log(`  settings module: model ${model}, label ${rootPrefix(r.settingsModule.labelRoot)}${r.settingsModule.label ?? 'none'}`);
    }
    for (const m of r.missed) console.log(`  MISSED ${m.id} ${m.rules.join('|')} ${m.file ?? '*'}${m.line ? `:${m.line}` : ''}  ${m.note ?? ''}`);
    for (const j of shown) console.log(`  ${j.verdict.toUpperCase()} ${j.severity} ${j.rule} ${j.file}:${j.line}  ${j.why || j.message}`);
  }
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    return 2;
  }
  if (opts.help) {
    console.log('node bench/real-projects/compare.mjs [--root DIR] [--bin FILE] [--labels DIR] [--json] [--details] [slug…]');
    return 0;
  }
  const dir = labelsDir(opts);
  const root = path.resolve(opts.root);
  const labels = loadLabels(dir, opts.slugs);
  const present = labels.filter((l) => {
    const tree = path.join(root, l.slug);
    return existsSync(tree) && statSync(tree).isDirectory();
  });
  if (!present.length) {
    console.log(`real-projects: no tree present under ${root} for ${labels.length} label file(s) in ${dir}; nothing to compare (skipped)`);
    return 0;
  }
  const bin = binPath(opts);
  if (!existsSync(bin)) {
    console.error(`real-projects: deploycheck binary ${bin} not found (pass --bin)`);
    return 2;
  }
  const rows = [];
  for (const label of present) {
    const run = runCheck(bin, path.join(root, label.slug));
    if (run.error) rows.push({ slug: label.slug, error: run.error, seconds: run.seconds });
    else rows.push({ ...score(label, run.report), seconds: run.seconds });
    if (!opts.json) process.stderr.write(`.`);
  }
  if (!opts.json) process.stderr.write('\n');
  const tot = totals(rows);
  if (opts.json) console.log(JSON.stringify({ labels: dir, root, bin, repositories: rows, totals: tot }, null, 2));
  else printText(rows, tot, opts.details);
  return 0;
}

process.exitCode = main();

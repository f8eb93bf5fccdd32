/**
 * Kubernetes manifests: plain YAML documents with `apiVersion` and `kind` (Deployment, StatefulSet, Service,
 * Ingress, …) kept in a manifests folder, listed by skaffold.yaml or applied by a CI workflow (`kubectl apply -f`). What is read: each workload's containers
 * (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod) — `command` + `args` as the command it runs, `env`
 * entries as production variables (a literal `value`; `valueFrom` a Secret or ConfigMap is set, value unknown).
 * What is not: `envFrom` (which names it brings is in the cluster), Helm chart templates and Kustomize patches
 * (templated, not plain YAML), and the cluster itself. A manifest that does not parse is a problem, never a throw.
 */
import { LineCounter, isMap, isNode, parseAllDocuments } from 'yaml';
import type { EnvVar } from '../env/types.js';
import type { Workspace } from '../workspace/types.js';
import { baseName } from '../workspace/paths.js';
import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';
import type { CommandRole, DeployProblem } from './types.js';
import { flowNestsDeeper, MAX_FLOW_DEPTH, pairOf, scalarString, seqItems, valueOf } from './yaml-source.js';

/** Folders that hold manifests by convention, at any depth. */
const MANIFEST_FOLDER = /(?:^|\/)(?:k8s|\.k8s|kubernetes|kube|manifests)\//i;
/**
 * Folders and names of development, test, CI, example or documentation setups (a local kind/minikube cluster,
 * `docs/install/k8s/` for users to adapt), never this repository's production.
 */
const NON_PRODUCTION = /(?:^|[/.\-_])(?:dev|develop|development|local|test|tests|ci|e2e|example|examples|samples?|demo|docs?|documentation|tutorials?|minikube|kind)(?:$|[/.\-_])/i;
const CI_FOLDER = /(?:^|\/)(?:\.github|\.gitlab|\.circleci)\//;
/** Helm charts and Kustomize overlays are templates or patches, not what the cluster runs as written. */
const TEMPLATED = /(?:^|\/)(?:templates|charts|overlays)\//i;
/** How many manifest files one workspace may contribute: a repository of manifests is not a Django project's deploy. */
const MAX_MANIFESTS = 100;

/** Kinds that run containers, and the role their containers have. */
const WORKLOADS: Record<string, CommandRole | undefined> = {
  Deployment: undefined,
  StatefulSet: undefined,
  DaemonSet: 'worker',
  Pod: undefined,
  Job: 'release',
  CronJob: 'worker',
};
const KIND_LINE = /^kind:\s*['"]?(\w+)/m;
const API_LINE = /^apiVersion:\s*\S/m;

export interface KubernetesManifests {
  /** Manifest files with at least one Kubernetes object, workspace-relative. */
  files: string[];
  /** The first workload object (file:line), the sign that production runs on Kubernetes. */
  workload?: { file: string; line: number; kind: string };
  readings: { path: string; reading: DeployReading }[];
}

/** Where skaffold.yaml's `manifests.rawYaml` (and v1's `deploy.kubectl.manifests`) points, globs left out. */
function skaffoldManifests(workspace: Workspace): string[] {
  if (!workspace.exists('skaffold.yaml')) return [];
  const read = workspace.readText('skaffold.yaml');
  if (!read.ok) return [];
  const listed: string[] = [];
  for (const document of parseAllDocuments(read.text, { uniqueKeys: false })) {
    if (!('contents' in document)) continue;
    const root = document.contents;
    const lists = [valueOf(valueOf(root, 'manifests'), 'rawYaml'), valueOf(valueOf(valueOf(root, 'deploy'), 'kubectl'), 'manifests')];
    for (const item of lists.flatMap(seqItems)) {
      const path = scalarString(item)?.replace(/^\.\//, '');
      if (path && !/[*?[]/.test(path)) listed.push(path);
    }
  }
  return listed;
}

const CI_WORKFLOW = /^(?:\.github\/workflows\/[^/]+|\.gitlab-ci)\.ya?ml$/;
/** `kubectl apply -f path` (also `create`, `replace`, `--filename=`); group 1 is the path. */
const KUBECTL_FILE = /\bkubectl\s+(?:apply|create|replace)\b[^\n]*?(?:\s-f\s*|\s--filename[=\s])['"]?([\w./-]+)/g;

/** The files and folders a CI workflow applies with kubectl (a folder stands for the YAML files directly in it). */
function appliedByCi(workspace: Workspace): string[] {
  const paths: string[] = [];
  for (const file of workspace.files.filter((path) => CI_WORKFLOW.test(path))) {
    const read = workspace.readText(file);
    if (!read.ok) continue;
    for (const match of read.text.matchAll(KUBECTL_FILE)) {
      const target = match[1]!.replace(/^\.\//, '').replace(/\/$/, '');
      if (/^https?:/.test(target) || target.includes('$') || NON_PRODUCTION.test(target)) continue;
      if (/\.ya?ml$/i.test(target)) paths.push(target);
      else paths.push(...workspace.files.filter((path) => path.startsWith(`${target}/`) && !path.slice(target.length + 1).includes('/') && /\.ya?ml$/i.test(path)));
    }
  }
  return paths;
}

/**
 * The manifest files to read: listed by skaffold.yaml or applied by a CI workflow's kubectl, or YAML in a
 * manifests folder that is not a dev, CI, docs or template one.
 */
function candidateFiles(workspace: Workspace): string[] {
  const listed = new Set([...skaffoldManifests(workspace), ...appliedByCi(workspace)].filter((path) => workspace.exists(path)));
  for (const path of workspace.files) {
    if (listed.size >= MAX_MANIFESTS) break;
    if (!/\.ya?ml$/i.test(path) || !MANIFEST_FOLDER.test(path)) continue;
    if (NON_PRODUCTION.test(path) || CI_FOLDER.test(path) || TEMPLATED.test(path) || baseName(path).toLowerCase().startsWith('kustomization.')) continue;
    listed.add(path);
  }
  return [...listed];
}

/** One manifest file: its objects' containers as commands and variables; parse errors as problems. */
export function readManifest(file: string, text: string): { reading: DeployReading; workload?: { line: number; kind: string }; objects: number } {
  const reading = emptyReading();
  if (flowNestsDeeper(text, MAX_FLOW_DEPTH)) {
    reading.problems.push({ message: `${file}: lists or maps nested more than ${MAX_FLOW_DEPTH} levels deep; not read`, location: { file, line: 1, column: 1 } });
    return { reading, objects: 0 };
  }
  const lines = new LineCounter();
  const at = (node: unknown) => {
    const { line, col } = lines.linePos(isNode(node) ? (node.range?.[0] ?? 0) : 0);
    return { file, line, column: col };
  };
  let workload: { line: number; kind: string } | undefined;
  let objects = 0;
  for (const document of parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false })) {
    if (!('contents' in document)) continue;
    for (const error of document.errors) reading.problems.push(problem(file, error.message, lines.linePos(error.pos[0]).line));
    if (document.errors.length > 0) continue;
    const root = document.contents;
    const kind = scalarString(valueOf(root, 'kind'));
    if (!kind || scalarString(valueOf(root, 'apiVersion')) === undefined) continue;
    objects++;
    if (!(kind in WORKLOADS)) continue;
    workload ??= { line: at(pairOf(root, 'kind')?.key).line, kind };
    const name = scalarString(valueOf(valueOf(root, 'metadata'), 'name')) ?? kind;
    // Deployment & co: spec.template.spec; CronJob: spec.jobTemplate.spec.template.spec; Pod: spec.
    const spec = valueOf(root, 'spec');
    const podSpec = kind === 'Pod' ? spec : kind === 'CronJob' ? valueOf(valueOf(valueOf(valueOf(spec, 'jobTemplate'), 'spec'), 'template'), 'spec') : valueOf(valueOf(spec, 'template'), 'spec');
    for (const container of seqItems(valueOf(podSpec, 'containers'))) {
      const containerName = scalarString(valueOf(container, 'name')) ?? 'container';
      const label = `${file} ${kind} ${name} container ${containerName}`;
      reading.env.push(...containerEnv(valueOf(container, 'env'), label, at));
      const words = [...seqItems(valueOf(container, 'command')), ...seqItems(valueOf(container, 'args'))].map(scalarString);
      if (words.length === 0 || words.some((word) => word === undefined)) continue;
      const first = valueOf(container, 'command') ?? valueOf(container, 'args');
      const role = WORKLOADS[kind];
      reading.commands.push({
        text: commandText(words as string[]),
        process: `${name} ${containerName}`,
        kind: 'kubernetes',
        location: at(first),
        ...(role ? { role } : {}),
      });
    }
  }
  return { reading, ...(workload ? { workload } : {}), objects };
}

/** `["sh", "-c", "gunicorn app.wsgi"]` as one shell line: a word with spaces is quoted once. */
function commandText(words: string[]): string {
  return words.map((word) => (/[\s'"]/.test(word) ? `'${word.replace(/'/g, `'\\''`)}'` : word)).join(' ');
}

function containerEnv(node: unknown, label: string, at: (node: unknown) => EnvVar['source']['location']): EnvVar[] {
  const vars: EnvVar[] = [];
  for (const item of seqItems(node)) {
    if (!isMap(item)) continue;
    const namePair = pairOf(item, 'name');
    const name = scalarString(namePair?.value);
    if (!name) continue;
    const location = at(namePair?.value);
    const value = pairOf(item, 'value');
    if (value) vars.push({ name, value: scalarString(value.value) ?? '', source: { kind: 'kubernetes', ...(location ? { location } : {}), label } });
    else if (pairOf(item, 'valueFrom')) vars.push({ name, value: undefined, source: { kind: 'kubernetes', ...(location ? { location } : {}), label: `${label} (valueFrom, set in the cluster)` } });
  }
  return vars;
}

function problem(file: string, message: string, line: number): DeployProblem {
  return { message: `${file}: ${message.split('\n')[0]}`, location: { file, line, column: 1 } };
}

/** The workspace's Kubernetes manifests (once per workspace): files with objects, the first workload, each file's reading. */
export function readKubernetesManifests(workspace: Workspace): KubernetesManifests {
  const found: KubernetesManifests = { files: [], readings: [] };
  for (const path of candidateFiles(workspace)) {
    const read = workspace.readText(path);
    if (!read.ok || !KIND_LINE.test(read.text) || !API_LINE.test(read.text)) continue;
    const { reading, workload, objects } = readManifest(path, read.text);
    if (objects === 0 && reading.problems.length === 0) continue;
    found.files.push(path);
    found.readings.push({ path, reading });
    if (workload && !found.workload) found.workload = { file: path, ...workload };
  }
  return found;
}

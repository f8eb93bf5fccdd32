import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';
import { isMap, isScalar, mapPairs, pairOf, scalarString, seqItems, valueOf, YamlSource } from './yaml-source.js';

/** Heroku add-ons and the variable each one sets (its value is not known here). */
const ADDON_VARIABLES: Record<string, string> = {
  'heroku-postgresql': 'DATABASE_URL',
  'heroku-redis': 'REDIS_URL',
  'heroku-kafka': 'KAFKA_URL',
  memcachier: 'MEMCACHIER_SERVERS',
  cloudamqp: 'CLOUDAMQP_URL',
  sendgrid: 'SENDGRID_API_KEY',
  mailgun: 'MAILGUN_API_KEY',
  bucketeer: 'BUCKETEER_BUCKET_NAME',
  sentry: 'SENTRY_DSN',
  papertrail: 'PAPERTRAIL_API_TOKEN',
};

/**
 * Heroku's app.json: `env` (a literal, an object with `value`, `generator: "secret"` or a required
 * variable without value: set, value unknown), add-ons and the variables they provide, and
 * `scripts.postdeploy`. Parsed with the YAML parser (JSON is YAML) to know positions.
 */
export function readAppJson(file: string, text: string): DeployReading {
  const reading = emptyReading();
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reading.problems.push({ message: `${file}: invalid JSON (${message})`, location: { file, line: 1, column: 1 } });
    return reading;
  }
  const source = new YamlSource(file, text);
  const root = source.root();
  if (!root) return reading;

  for (const pair of mapPairs(valueOf(root, 'env'))) {
    const name = scalarString(pair.key);
    if (!name) continue;
    const location = source.at(pair.key);
    const label = `${file} env ${name}`;
    if (isScalar(pair.value)) {
      reading.env.push({ name, value: scalarString(pair.value), source: { kind: 'app.json', location, label } });
      continue;
    }
    if (!isMap(pair.value)) continue;
    const literal = pairOf(pair.value, 'value');
    if (literal) {
      reading.env.push({ name, value: scalarString(literal.value), source: { kind: 'app.json', location, label } });
    } else if (scalarString(valueOf(pair.value, 'generator')) === 'secret') {
      reading.env.push({ name, value: undefined, source: { kind: 'app.json', location, label: `${label} (generated secret)` } });
    } else if (scalarString(valueOf(pair.value, 'required')) !== 'false') {
      reading.env.push({ name, value: undefined, source: { kind: 'app.json', location, label: `${label} (required at deploy)` } });
    }
  }

  for (const item of seqItems(valueOf(root, 'addons'))) {
    const plan = scalarString(item) ?? scalarString(valueOf(item, 'plan'));
    if (!plan) continue;
    const service = plan.split(':')[0]!;
    const variable = ADDON_VARIABLES[service];
    if (!variable) continue;
    const alias = scalarString(valueOf(item, 'as'));
    const name = alias ? `${alias}_${variable.slice(variable.indexOf('_') + 1)}` : variable;
    reading.env.push({
      name,
      value: undefined,
      source: { kind: 'app.json', location: source.at(item), label: `${service} add-on (${file})` },
    });
  }

  const scripts = valueOf(root, 'scripts');
  for (const pair of mapPairs(scripts)) {
    const process = scalarString(pair.key);
    const command = scalarString(pair.value);
    if (!process || !command) continue;
    reading.commands.push({ text: command, process, kind: 'app.json', location: source.at(pair.value) });
  }
  return reading;
}

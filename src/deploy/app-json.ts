import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';
import { JsonSource, jsonItems, jsonMember, jsonMembers, jsonText, jsonValue } from './json-source.js';

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
 * `scripts.postdeploy`. One strict JSON parse both validates the file and locates its values.
 */
export function readAppJson(file: string, text: string): DeployReading {
  const reading = emptyReading();
  const source = new JsonSource(file, text);
  if (source.problem) reading.problems.push(source.problem);
  const root = source.root;

  for (const { key: name, keyAt, value } of jsonMembers(jsonValue(root, 'env'))) {
    if (!name) continue;
    const location = source.at(keyAt);
    const label = `${file} env ${name}`;
    if (value.kind === 'scalar') {
      reading.env.push({ name, value: jsonText(value), source: { kind: 'app.json', location, label } });
      continue;
    }
    if (value.kind !== 'object') continue;
    const literal = jsonMember(value, 'value');
    if (literal) {
      reading.env.push({ name, value: jsonText(literal.value), source: { kind: 'app.json', location, label } });
    } else if (jsonText(jsonValue(value, 'generator')) === 'secret') {
      reading.env.push({ name, value: undefined, source: { kind: 'app.json', location, label: `${label} (generated secret)` } });
    } else if (jsonText(jsonValue(value, 'required')) !== 'false') {
      reading.env.push({ name, value: undefined, source: { kind: 'app.json', location, label: `${label} (required at deploy)` } });
    }
  }

  for (const item of jsonItems(jsonValue(root, 'addons'))) {
    const plan = jsonText(item) ?? jsonText(jsonValue(item, 'plan'));
    if (!plan) continue;
    const service = plan.split(':')[0]!;
    const variable = ADDON_VARIABLES[service];
    if (!variable) continue;
    const alias = jsonText(jsonValue(item, 'as'));
    const name = alias ? `${alias}_${variable.slice(variable.indexOf('_') + 1)}` : variable;
    reading.env.push({
      name,
      value: undefined,
      source: { kind: 'app.json', location: source.at(item.at), label: `${service} add-on (${file})` },
    });
  }

  for (const { key: process, value } of jsonMembers(jsonValue(root, 'scripts'))) {
    const command = jsonText(value);
    if (!process || !command) continue;
    reading.commands.push({ text: command, process, kind: 'app.json', location: source.at(value.at) });
  }
  return reading;
}

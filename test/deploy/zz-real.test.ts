import { it } from 'vitest';
import { readdirSync } from 'node:fs';
import { readDeployFacts } from '../../src/deploy/index.js';
import { openWorkspace } from '../../src/workspace/index.js';
const at = (l: { file: string; line: number }) => `${l.file}:${l.line}`;
it('real', () => {
  for (const slug of readdirSync('/work/scratch/real')) {
    const t = Date.now();
    let facts;
    try { facts = readDeployFacts(openWorkspace(`/work/scratch/real/${slug}`), ''); } catch (e) { console.log(slug, 'CRASH', e); continue; }
    const lines = [`== ${slug} (${Date.now() - t}ms) stages=${(facts.deployedStages ?? []).map((s) => `${s.dockerfile}:${s.stage ?? s.index}/${s.chosenBy}`).join(',')}`];
    for (const c of facts.commands) lines.push(`  [${c.kind}${c.process ? ' ' + c.process : ''}${c.role ? ' ' + c.role : ''}] ${c.text.slice(0, 90)} @${at(c.location)}${c.via ? ' via ' + c.via.map(at).join('>') : ''}${c.server ? ` SERVER ${c.server.server} app=${c.server.appModule} settings=${c.server.settingsModule}` : ''}${c.manage?.settingsModule ? ` MANAGE settings=${c.manage.settingsModule}` : ''}${c.env?.length ? ' ENV ' + c.env.map((v) => `${v.name}=${v.value}`).join(' ').slice(0, 120) : ''}`);
    for (const f of facts.composeFiles ?? []) lines.push(`  compose ${f.path} ${f.production} ${f.why}`);
    for (const p of facts.problems) lines.push(`  PROBLEM ${p.message.slice(0, 120)}`);
    for (const s of facts.skipped ?? []) lines.push(`  SKIP ${s.file}: ${s.reason}`);
    for (const v of facts.env.filter((v) => v.source.kind === 'deploy-script')) lines.push(`  SCRIPTENV ${v.name}=${v.value} ${v.source.label}`);
    console.log(lines.join('\n'));
  }
});

import { describe, expect, it } from 'vitest';
import { babelLoaded } from '../../src/js/parser.js';
import { evaluateProgram } from '../../src/js/program.js';
import { workspaceOf } from '../helpers/workspace.js';

describe('@babel/parser is loaded only when a JS file is parsed', () => {
  it('evaluating no JS file does not load it; the first parse does', () => {
    const workspace = workspaceOf({ 'manage.py': '' });
    evaluateProgram(workspace, [], { env: () => ({ set: false }) });
    expect(babelLoaded()).toBe(false);
    evaluateProgram(workspaceOf({ 'a.js': 'module.exports = 1;' }), ['a.js'], { env: () => ({ set: false }) });
    expect(babelLoaded()).toBe(true);
  });
});

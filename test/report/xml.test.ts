import { describe, expect, it } from 'vitest';
import { childElements, parseXml, textOf } from './xml.js';

describe('the test XML parser', () => {
  it('parses elements, attributes, references and CDATA', () => {
    const root = parseXml('<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; &#10;2" y=\'q\'><b/>t&lt;&#x41;<![CDATA[<raw>]]><b>z</b></a>\n');
    expect(root.attributes).toEqual({ x: '1 & \n2', y: 'q' });
    expect(childElements(root, 'b')).toHaveLength(2);
    expect(textOf(root)).toBe('t<A<raw>');
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['two roots', '<a/><b/>'],
    ['a bare ampersand', '<a>x & y</a>'],
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['a < in an attribute', '<a x="<"/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a control character', '<a>\u0001</a>'],
    ['a reference to a control character', '<a>&#1;</a>'],
    [']]> in text', '<a>]]></a>'],
  ])('rejects %s', (_what, text) => {
    expect(() => parseXml(text)).toThrow(/^XML: /);
  });
});

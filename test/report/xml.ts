/**
 * A strict XML 1.0 well-formedness parser for the JUnit report tests (no XML parser is installed):
 * one root element, matching tags, unique attributes, only the five predefined entities and
 * character references, no character XML cannot carry. Throws on anything ill-formed.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAME = /[A-Za-z_:][A-Za-z0-9._:-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new Error(`XML: ${message} at offset ${this.pos}: ${JSON.stringify(this.text.slice(this.pos, this.pos + 30))}`);
  }

  document(): XmlElement {
    const invalid = INVALID_CHAR.exec(this.text);
    if (invalid) {
      this.pos = invalid.index;
      this.fail('character not allowed in XML');
    }
    if (this.text.startsWith('<?xml', 0)) {
      const end = this.text.indexOf('?>');
      if (end === -1) this.fail('unterminated XML declaration');
      this.pos = end + 2;
    }
    this.misc();
    const root = this.element();
    this.misc();
    if (this.pos !== this.text.length) this.fail('content after the root element');
    return root;
  }

  private misc(): void {
    for (;;) {
      this.whitespace();
      if (!this.text.startsWith('<!--', this.pos)) return;
      this.comment();
    }
  }

  private whitespace(): void {
    while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private comment(): void {
    const end = this.text.indexOf('-->', this.pos + 4);
    if (end === -1) this.fail('unterminated comment');
    if (this.text.slice(this.pos + 4, end).includes('--')) this.fail('"--" inside a comment');
    this.pos = end + 3;
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.text);
    if (!match) this.fail('expected a name');
    this.pos += match[0].length;
    return match[0];
  }

  private expect(literal: string): void {
    if (!this.text.startsWith(literal, this.pos)) this.fail(`expected ${JSON.stringify(literal)}`);
    this.pos += literal.length;
  }

  private reference(): string {
    this.expect('&');
    const end = this.text.indexOf(';', this.pos);
    if (end === -1) this.fail('unterminated reference');
    const body = this.text.slice(this.pos, end);
    this.pos = end + 1;
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      const char = String.fromCodePoint(code);
      if (INVALID_CHAR.test(char) || code === 0) this.fail('character reference to a character not allowed in XML');
      return char;
    }
    const entity = ENTITIES[body];
    if (entity === undefined) this.fail(`undefined entity &${body};`);
    return entity;
  }

  private attributeValue(): string {
    const quote = this.text[this.pos];
    if (quote !== '"' && quote !== "'") this.fail('expected a quoted attribute value');
    this.pos++;
    let value = '';
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) this.fail('unterminated attribute value');
      if (char === quote) break;
      if (char === '<') this.fail("'<' in an attribute value");
      if (char === '&') value += this.reference();
      else {
        // Attribute-value normalisation: literal whitespace characters become spaces.
        value += /[\t\r\n]/.test(char) ? ' ' : char;
        this.pos++;
      }
    }
    this.pos++;
    return value;
  }

  private element(): XmlElement {
    this.expect('<');
    const name = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = this.pos;
      this.whitespace();
      if (this.text.startsWith('/>', this.pos)) {
        this.pos += 2;
        return { name, attributes, children: [] };
      }
      if (this.text[this.pos] === '>') {
        this.pos++;
        break;
      }
      if (this.pos === before) this.fail('expected whitespace before an attribute');
      const attribute = this.name();
      if (Object.hasOwn(attributes, attribute)) this.fail(`duplicate attribute ${attribute}`);
      this.whitespace();
      this.expect('=');
      this.whitespace();
      attributes[attribute] = this.attributeValue();
    }
    const children: (XmlElement | string)[] = [];
    let text = '';
    const flush = () => {
      if (text) children.push(text);
      text = '';
    };
    for (;;) {
      if (this.pos >= this.text.length) this.fail(`unclosed <${name}>`);
      if (this.text.startsWith('</', this.pos)) {
        this.pos += 2;
        const closing = this.name();
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`);
        this.whitespace();
        this.expect('>');
        flush();
        return { name, attributes, children };
      }
      if (this.text.startsWith('<!--', this.pos)) this.comment();
      else if (this.text.startsWith('<![CDATA[', this.pos)) {
        const end = this.text.indexOf(']]>', this.pos);
        if (end === -1) this.fail('unterminated CDATA section');
        text += this.text.slice(this.pos + 9, end);
        this.pos = end + 3;
      } else if (this.text[this.pos] === '<') {
        flush();
        children.push(this.element());
      } else if (this.text[this.pos] === '&') text += this.reference();
      else {
        if (this.text.startsWith(']]>', this.pos)) this.fail("']]>' in text");
        text += this.text[this.pos];
        this.pos++;
      }
    }
  }
}

export function parseXml(text: string): XmlElement {
  return new Parser(text).document();
}

/** Child elements named `name`. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name);
}

/** The text content of an element (its text children, joined). */
export function textOf(element: XmlElement): string {
  return element.children.filter((child): child is string => typeof child === 'string').join('');
}

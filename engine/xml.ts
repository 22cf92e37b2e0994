import { utf8Length } from './bytes';
import { definitionLimits, sizeProblem } from './limits';
import { problem, type Problem } from './problem';

/**
 * What an XML import (SCXML, BPMN) reads at most, judged on the text before a parser sees it, so
 * that no input makes the parser do unbounded work. A real workflow stays far below: the student
 * trajectory is 26 KB of SCXML (64 elements, 6 levels) and 70 KB of BPMN (582 elements, 7 levels).
 * At the limit, 20,000 elements are read and refused or imported in about a second here.
 */
export const xmlLimits = { bytes: definitionLimits.bytes, depth: definitionLimits.depth, elements: 20_000 } as const;

/** The characters XML 1.0 allows (§2.2 Char): any other, written or referred to, is not XML. */
function xmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const charReference = /&#(x[0-9a-fA-F]+|[0-9]+);/g;

/** A character XML does not allow, or a reference to one (`&#x110000;`, `&#0;`), by its line. */
function forbiddenCharacter(xml: string): Problem | undefined {
  const line = (index: number) => xml.slice(0, index).split('\n').length;
  const raw = notXmlChar.exec(xml);
  if (raw) {
    const cp = raw[0].codePointAt(0)!;
    return problem(
      '(root)',
      `Regel ${line(raw.index)}: het teken U+${cp.toString(16).toUpperCase().padStart(4, '0')} is in XML niet toegestaan`,
      `Line ${line(raw.index)}: the character U+${cp.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`,
    );
  }
  for (const m of xml.matchAll(charReference)) {
    const cp = m[1][0] === 'x' ? parseInt(m[1].slice(1), 16) : Number(m[1]);
    if (!xmlChar(cp))
      return problem(
        '(root)',
        `Regel ${line(m.index)}: ${m[0]} verwijst naar een teken dat XML niet kent`,
        `Line ${line(m.index)}: ${m[0]} refers to a character XML does not have`,
      );
  }
  return undefined;
}

/** The shape of a document's markup: its deepest nesting and how many elements it has. */
interface Shape {
  depth: number;
  elements: number;
  doctype: boolean;
}

/**
 * One linear pass over the markup: comments, CDATA, processing instructions and quoted attribute
 * values are skipped whole (a `>` inside them closes nothing), every other `<` opens or closes a tag.
 */
function shape(xml: string): Shape {
  let depth = 0;
  let max = 0;
  let elements = 0;
  let doctype = false;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    if (xml.startsWith('<!--', i)) i = end(xml, '-->', i + 4);
    else if (xml.startsWith('<![CDATA[', i)) i = end(xml, ']]>', i + 9);
    else if (xml.startsWith('<?', i)) i = end(xml, '?>', i + 2);
    else if (xml.startsWith('<!', i)) {
      doctype = true;
      i = end(xml, '>', i + 2);
    } else {
      const closing = xml[i + 1] === '/';
      let j = i + 1;
      let quote = '';
      for (; j < xml.length; j++) {
        const c = xml[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      if (closing) depth--;
      else {
        elements++;
        if (xml[j - 1] !== '/') max = Math.max(max, ++depth);
      }
      i = j + 1;
    }
    i = xml.indexOf('<', i);
  }
  return { depth: max, elements, doctype };
}

function end(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from);
  return at === -1 ? xml.length : at + marker.length;
}

/**
 * The limits every XML import enforces first, in order: size, a document type declaration (and
 * with it entity expansion, "billion laughs", and external entities), nesting, the number of
 * elements, and characters XML does not have (NUL, `&#x110000;`), which no parser may be trusted with. `kind` names the file in the messages ("Het SCXML-bestand", "The SCXML file").
 */
export function xmlProblems(xml: string, kind: { nl: string; en: string }): Problem[] {
  const size = sizeProblem(utf8Length(xml), kind);
  if (size) return [size];
  const s = shape(xml);
  if (s.doctype)
    return [
      problem(
        '(root)',
        'Een DOCTYPE of ENTITY wordt niet gelezen (het bestand heeft ze niet nodig)',
        'A DOCTYPE or ENTITY is not read (the file does not need them)',
      ),
    ];
  if (s.depth > xmlLimits.depth)
    return [
      problem(
        '(root)',
        `${kind.nl} is ${s.depth} lagen diep genest; meer dan ${xmlLimits.depth} wordt niet gelezen`,
        `${kind.en} nests ${s.depth} levels deep; more than ${xmlLimits.depth} is not read`,
      ),
    ];
  if (s.elements > xmlLimits.elements)
    return [
      problem(
        '(root)',
        `${kind.nl} heeft ${s.elements} elementen; meer dan ${xmlLimits.elements} wordt niet gelezen`,
        `${kind.en} has ${s.elements} elements; more than ${xmlLimits.elements} is not read`,
      ),
    ];
  const character = forbiddenCharacter(xml);
  return character ? [character] : [];
}

/** The five XML entities and character references; a DOCTYPE (with its own entities) never gets here. */
export function unescapeXml(v: string): string {
  return v.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (whole, e: string) => {
    const named = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[e];
    if (named) return named;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** A text as the content of an XML attribute or element. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

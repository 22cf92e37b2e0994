import { utf8Length } from './bytes';
import { problem, type Problem } from './problem';

/**
 * What an XML import (SCXML, BPMN) reads at most, judged on the text before a parser sees it, so
 * that no input makes the parser do unbounded work. A real workflow stays far below: the student
 * trajectory is 26 KB of SCXML (64 elements, 6 levels) and 70 KB of BPMN (582 elements, 7 levels).
 * At the limit, 20,000 elements are read and refused or imported in about a second here.
 */
export const xmlLimits = { bytes: 1024 * 1024, depth: 64, elements: 20_000 } as const;

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
 * with it entity expansion, "billion laughs", and external entities), nesting, and the number of
 * elements. `kind` names the file in the messages ("Het SCXML-bestand", "The SCXML file").
 */
export function xmlProblems(xml: string, kind: { nl: string; en: string }): Problem[] {
  const bytes = utf8Length(xml);
  if (bytes > xmlLimits.bytes)
    return [
      problem(
        '(root)',
        `${kind.nl} is ${(bytes / 1048576).toFixed(1)} MB; meer dan 1 MB wordt niet gelezen`,
        `${kind.en} is ${(bytes / 1048576).toFixed(1)} MB; more than 1 MB is not read`,
      ),
    ];
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
        `Meer dan ${xmlLimits.depth} lagen diep genest (${s.depth})`,
        `Nested more than ${xmlLimits.depth} levels deep (${s.depth})`,
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
  return [];
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

// XML read as a stream of elements, for the GPX and TCX readers: saxes underneath (see
// activity-file.ts for why), no document tree. Namespace prefixes are dropped from element names
// (gpxtpx:hr, ns3:TPX, ns1:Trackpoint are read as hr, TPX, Trackpoint) without resolving them, as
// exporters often write prefixes they never declare.
import { SaxesParser } from 'saxes';

/** Receives the elements of a document in order; the root is at depth 1. */
export interface XmlVisitor {
  open(name: string, depth: number, attributes: Readonly<Record<string, string>>): void;
  /** `text` is the element's own character data (CDATA included), trimmed: '' when it has none. */
  close(name: string, depth: number, text: string): void;
}

/** The text is not well-formed XML: `line` (1-based) is where the reading stopped. */
export class MalformedXml extends Error {
  override readonly name = 'MalformedXml';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Reads `xml` in one pass, checking well-formedness as it goes.
 * @throws MalformedXml at the first well-formedness error.
 */
export function streamXml(xml: string, visitor: XmlVisitor): void {
  const parser = new SaxesParser({ xmlns: false, position: true });
  // Local name and own text of each open element, by depth: a parent's text goes on after its children close.
  const names: string[] = [''];
  const texts: string[] = [''];
  let depth = 0;
  const addText = (text: string) => {
    texts[depth] += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    names[++depth] = name;
    texts[depth] = '';
    visitor.open(name, depth, tag.attributes);
  });
  parser.on('closetag', () => {
    const text = texts[depth].trim();
    visitor.close(names[depth], depth--, text);
  });
  parser.on('error', (error) => {
    const reason = error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    // An entity without a DTD to declare it (&nbsp; pasted from HTML into a name) breaks no
    // structure: the parser keeps it as written, as the parser before saxes did, and reads on.
    if (reason === 'undefined entity') return;
    throw new MalformedXml(parser.line, reason);
  });
  parser.write(xml).close();
}

/**
 * Where each open element is, as a path below the root ("trk/trkseg/trkpt"; the root itself is
 * ""), for readers that match elements by their place in the document.
 */
export class ElementPaths {
  private readonly paths: string[] = [];

  /** Records an element that opened at `depth` and returns its path. */
  enter(name: string, depth: number): string {
    const path = depth === 1 ? '' : depth === 2 ? name : `${this.paths[depth - 2]}/${name}`;
    this.paths[depth - 1] = path;
    return path;
  }

  /** The path of the open element at `depth`. */
  at(depth: number): string {
    return this.paths[depth - 1];
  }
}

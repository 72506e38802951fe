/**
 * Escaping for the report writers. Everything a vendor's server sends back (bodies,
 * headers, messages quoting them) is untrusted input and goes through these.
 */

/** C0 controls other than tab, LF, CR; DEL and C1 controls; U+FFFE/U+FFFF; lone surrogates. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Replaces characters XML 1.0 cannot carry (and that render as garbage in HTML) with a
 * visible `\uXXXX`, so a body holding them stays readable and the document stays well-formed.
 */
export function visibleControls(text: string): string {
  return text.replace(FORBIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes text for an XML attribute value (line breaks kept as character references). */
export function xmlAttr(text: string): string {
  return visibleControls(text).replace(/[&<>"'\t\n\r]/g, (c) => XML_ENTITIES[c] ?? c);
}

/** Escapes text for XML element content. */
export function xmlText(text: string): string {
  return visibleControls(text).replace(/[&<>\r]/g, (c) => XML_ENTITIES[c] ?? c);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values alike. */
export function html(text: string): string {
  return visibleControls(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

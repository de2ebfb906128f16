/** RFC 6749 Appendix B: form-urlencoded halves of the Basic credentials. */
function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

/** `Basic base64(client_id:client_secret)` as the token endpoint reads it, or null when malformed. */
export function parseBasic(header: string): { id: string; secret: string } | null {
  const m = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return null;
  try {
    return { id: formDecode(decoded.slice(0, i)), secret: formDecode(decoded.slice(i + 1)) };
  } catch {
    return null;
  }
}

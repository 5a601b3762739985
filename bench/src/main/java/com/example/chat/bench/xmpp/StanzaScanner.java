package com.example.chat.bench.xmpp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts an XMPP stream into its top-level stanzas without building a DOM: it only tracks tags,
 * quotes and depth, so a delivered message costs one pass over its bytes and one String. The
 * few attributes and markers the benchmark needs are read from that String afterwards.
 *
 * <p>Enough for what ejabberd sends: no CDATA sections, comments only before the stream.
 * Stanzas are decoded as ISO-8859-1 because only ASCII markers are looked at; message bodies
 * are never read.
 */
final class StanzaScanner {
  /** What the scanner found; called on the reading thread. */
  interface Sink {
    /** The server opened (or, after SASL, reopened) its stream. */
    void streamOpened();

    /** One complete top-level element, e.g. {@code <message ...>...</message>}. */
    void stanza(String xml);

    /** The server closed its stream. */
    void streamClosed();
  }

  private byte[] buf = new byte[8192];
  private int limit;
  private int pos;
  private int depth;
  private int stanzaStart;
  private boolean inTag;
  private int tagStart;
  private byte quote;

  /** Appends what was read and reports every element it completes. */
  void feed(ByteBuffer data, Sink sink) {
    int n = data.remaining();
    if (limit + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, limit + n));
    }
    data.get(buf, limit, n);
    limit += n;
    scan(sink);
    compact();
  }

  private void scan(Sink sink) {
    for (int i = pos; i < limit; i++) {
      byte b = buf[i];
      if (!inTag) {
        if (b == '<') {
          inTag = true;
          tagStart = i;
          quote = 0;
        }
        continue;
      }
      if (quote != 0) {
        if (b == quote) {
          quote = 0;
        }
      } else if (b == '\'' || b == '"') {
        quote = b;
      } else if (b == '>') {
        inTag = false;
        tagEnded(i, sink);
      }
    }
    pos = limit;
  }

  private void tagEnded(int end, Sink sink) {
    byte first = buf[tagStart + 1];
    if (first == '?' || first == '!') {
      return; // XML declaration or comment
    }
    if (first == '/') {
      depth--;
      if (depth == 1) {
        sink.stanza(new String(buf, stanzaStart, end + 1 - stanzaStart, StandardCharsets.ISO_8859_1));
      } else if (depth == 0) {
        sink.streamClosed();
      }
      return;
    }
    if (startsWith(tagStart + 1, "stream:stream")) {
      // A stream restart (after SASL) replaces the old stream instead of nesting in it.
      depth = 1;
      sink.streamOpened();
      return;
    }
    if (depth == 1) {
      stanzaStart = tagStart;
    }
    if (buf[end - 1] == '/') {
      if (depth == 1) {
        sink.stanza(new String(buf, tagStart, end + 1 - tagStart, StandardCharsets.ISO_8859_1));
      }
    } else {
      depth++;
    }
  }

  private boolean startsWith(int at, String name) {
    if (at + name.length() > limit) {
      return false;
    }
    for (int k = 0; k < name.length(); k++) {
      if (buf[at + k] != name.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Drops what is fully consumed, keeping only an unfinished stanza or tag. */
  private void compact() {
    int keepFrom = depth > 1 ? stanzaStart : inTag ? tagStart : limit;
    if (keepFrom == 0) {
      return;
    }
    System.arraycopy(buf, keepFrom, buf, 0, limit - keepFrom);
    limit -= keepFrom;
    pos -= keepFrom;
    stanzaStart -= keepFrom;
    tagStart -= keepFrom;
  }

  /** The value of attribute {@code name} on the stanza's own (first) tag, or null. */
  static String attribute(String xml, String name) {
    int tagEnd = xml.indexOf('>');
    int from = 0;
    while (true) {
      int at = xml.indexOf(name, from);
      if (at < 0 || at > tagEnd) {
        return null;
      }
      int eq = at + name.length();
      if (xml.charAt(at - 1) == ' ' && eq + 1 < xml.length() && xml.charAt(eq) == '=') {
        char q = xml.charAt(eq + 1);
        int close = xml.indexOf(q, eq + 2);
        return xml.substring(eq + 2, close);
      }
      from = eq;
    }
  }

  /** The element name of the stanza, e.g. "message" or "stream:features". */
  static String name(String xml) {
    int end = 1;
    while (end < xml.length()) {
      char c = xml.charAt(end);
      if (c == ' ' || c == '>' || c == '/') {
        break;
      }
      end++;
    }
    return xml.substring(1, end);
  }
}

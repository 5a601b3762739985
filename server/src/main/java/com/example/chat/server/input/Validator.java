package com.example.chat.server.input;

import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.InvalidInputException.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Collects every problem of a request before refusing it, so that the caller learns all of
 * them at once. Usage: check fields, then {@link #throwIfInvalid()}.
 */
public final class Validator {
  public static final int MAX_REQUEST_ID = 64;

  private final List<FieldViolation> violations = new ArrayList<>();

  public void check(boolean ok, String field, String description) {
    if (!ok) {
      violations.add(new FieldViolation(field, description));
    }
  }

  /** A required id: must be a UUID. Returns null (and records why) when it is not. */
  public UUID id(String field, String value) {
    if (value == null || value.isEmpty()) {
      violations.add(new FieldViolation(field, "is required"));
      return null;
    }
    return optionalId(field, value);
  }

  /** An optional id: empty means absent; otherwise it must be a UUID. */
  public UUID optionalId(String field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      UUID id = UUID.fromString(value);
      if (id.toString().equals(value.toLowerCase(java.util.Locale.ROOT))) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // fall through to the violation
    }
    violations.add(new FieldViolation(field, "is not a valid id"));
    return null;
  }

  /**
   * Message-like text: not blank in Unicode terms, at most {@code max} characters (code
   * points), no control characters but newline and tab. Returned as given.
   */
  public String text(String field, String value, int max) {
    return checked(field, value, max, true);
  }

  /**
   * A name (one line): like {@link #text} but without any control character, returned without
   * leading and trailing white space.
   */
  public String name(String field, String value, int max) {
    String checked = checked(field, value, max, false);
    return checked == null ? null : checked.strip();
  }

  private String checked(String field, String value, int max, boolean multiLine) {
    if (value == null || isBlank(value)) {
      violations.add(new FieldViolation(field, "must not be empty"));
      return value;
    }
    int length = value.codePointCount(0, value.length());
    check(length <= max, field, "must be at most " + max + " characters (got " + length + ")");
    check(value.codePoints().noneMatch(c -> isForbiddenControl(c, multiLine)), field,
        multiLine ? "must not contain control characters other than newline and tab"
            : "must not contain control characters or line breaks");
    return value;
  }

  /** Blank in Unicode terms: nothing but white space, space separators and invisible format characters. */
  static boolean isBlank(String value) {
    return value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
        || Character.getType(c) == Character.FORMAT);
  }

  private static boolean isForbiddenControl(int c, boolean multiLine) {
    if (multiLine && (c == '\n' || c == '\t')) {
      return false;
    }
    return Character.getType(c) == Character.CONTROL;
  }

  /** Optional text of at most {@code max} characters. */
  public String optionalText(String field, String value, int max) {
    if (value != null) {
      check(value.codePointCount(0, value.length()) <= max, field, "must be at most " + max + " characters");
      check(value.codePoints().noneMatch(c -> isForbiddenControl(c, false)), field,
          "must not contain control characters or line breaks");
    }
    return value == null ? null : value.strip();
  }

  /** An optional idempotency key: empty means none. */
  public String requestId(String field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    check(value.length() <= MAX_REQUEST_ID, field, "must be at most " + MAX_REQUEST_ID + " characters");
    check(value.codePoints().noneMatch(c -> isForbiddenControl(c, false)), field, "must not contain control characters");
    return value;
  }

  public void throwIfInvalid() {
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
  }
}

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

  /** Text that must not be blank, with at most {@code max} characters (code points). */
  public String text(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      violations.add(new FieldViolation(field, "must not be empty"));
      return value;
    }
    int length = value.codePointCount(0, value.length());
    check(length <= max, field, "must be at most " + max + " characters (got " + length + ")");
    return value;
  }

  /** Optional text of at most {@code max} characters. */
  public String optionalText(String field, String value, int max) {
    if (value != null) {
      check(value.codePointCount(0, value.length()) <= max, field, "must be at most " + max + " characters");
    }
    return value;
  }

  /** An optional idempotency key: empty means none. */
  public String requestId(String field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    check(value.length() <= MAX_REQUEST_ID, field, "must be at most " + MAX_REQUEST_ID + " characters");
    return value;
  }

  public void throwIfInvalid() {
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
  }
}

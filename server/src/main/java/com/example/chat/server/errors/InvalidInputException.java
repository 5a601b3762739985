package com.example.chat.server.errors;

import java.util.List;

/** The request itself is wrong: one entry per offending field. */
public final class InvalidInputException extends ChatException {

  /** One wrong field: its name as in the request (e.g. {@code member_user_ids[2]}) and why. */
  public record FieldViolation(String field, String description) {}

  private final List<FieldViolation> violations;

  public InvalidInputException(List<FieldViolation> violations) {
    super("INVALID_ARGUMENT", summary(violations));
    this.violations = List.copyOf(violations);
  }

  public static InvalidInputException of(String field, String description) {
    return new InvalidInputException(List.of(new FieldViolation(field, description)));
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  private static String summary(List<FieldViolation> violations) {
    StringBuilder text = new StringBuilder();
    for (FieldViolation v : violations) {
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append(v.field()).append(": ").append(v.description());
    }
    return text.toString();
  }
}

package com.example.chat.server.input;

import com.example.chat.server.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Page size and opaque page tokens of List methods. A token only records where the previous
 * page ended (a keyset position), so it grants nothing by itself: every query still applies
 * the caller's scope.
 */
public final class Page {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;
  private static final String SEPARATOR = "\u001f";

  private Page() {}

  /** One page of a list and the token of the next page (null on the last page). */
  public record Of<T>(List<T> items, String nextPageToken) {}

  /**
   * Turns rows fetched with a limit of {@code size + 1} into a page: the extra row only says
   * there is more, and the token records where this page's last row stands.
   */
  public static <T> Of<T> cut(List<T> rows, int size, java.util.function.Function<T, String> tokenOfLast) {
    if (rows.size() <= size) {
      return new Of<>(rows, null);
    }
    List<T> items = rows.subList(0, size);
    return new Of<>(items, tokenOfLast.apply(items.get(size - 1)));
  }

  /** 0 means the default, more than the maximum is clamped, negative is invalid. */
  public static int size(int requested) {
    if (requested < 0) {
      throw InvalidInputException.of("page_size", "must not be negative");
    }
    return requested == 0 ? DEFAULT_SIZE : Math.min(requested, MAX_SIZE);
  }

  public static String token(String kind, Object... position) {
    StringBuilder text = new StringBuilder(kind);
    for (Object part : position) {
      text.append(SEPARATOR).append(part);
    }
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position recorded in a token of this kind, or null for an empty token. A token of
   * another kind, or not issued by this server, is INVALID_ARGUMENT.
   */
  public static List<String> position(String kind, String token, int parts) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      List<String> fields = List.of(text.split(SEPARATOR, -1));
      if (fields.size() == parts + 1 && fields.get(0).equals(kind)) {
        return fields.subList(1, fields.size());
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw InvalidInputException.of("page_token", "is not a page token of this list; start again with an empty token");
  }
}

package com.example.chat.server.input;

import com.example.chat.server.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Page size and opaque page tokens of List methods. A token records where the previous page
 * ended (a keyset position) for one list and one filter, so it grants nothing by itself:
 * every query still applies the caller's scope. Tokens are typed and checked whole: a token
 * of another list or filter, or one whose position does not parse as that list's types, is
 * INVALID_ARGUMENT, never a failure further down.
 */
public final class Page {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;

  /** The lists of the API and the types of their positions. */
  public static final Tokens COMPANIES = new Tokens("companies", Part.TEXT, Part.ID);
  public static final Tokens USERS = new Tokens("users", Part.TEXT, Part.ID);
  public static final Tokens CONTACTS = new Tokens("contacts", Part.TEXT, Part.ID);
  public static final Tokens ROOMS = new Tokens("rooms", Part.TIME, Part.ID);
  public static final Tokens HISTORY = new Tokens("history", Part.TEXT, Part.SEQ);
  public static final Tokens WEBHOOK_ENDPOINTS = new Tokens("webhook-endpoints", Part.TIME, Part.ID);
  public static final Tokens WEBHOOK_DELIVERIES = new Tokens("webhook-deliveries", Part.SEQ);

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Page() {}

  /** One page of a list and the token of the next page (null on the last page). */
  public record Of<T>(List<T> items, String nextPageToken) {}

  /** The type of one part of a position. */
  public enum Part {
    TEXT(s -> s),
    ID(UUID::fromString),
    TIME(Instant::parse),
    SEQ(s -> {
      long seq = Long.parseLong(s);
      if (seq < 0) {
        throw new IllegalArgumentException("negative seq");
      }
      return seq;
    });

    private final Function<String, Object> parse;

    Part(Function<String, Object> parse) {
      this.parse = parse;
    }
  }

  /** A decoded position: its parts, typed as the list declares them. */
  public record Position(List<Object> parts) {
    public String text(int i) {
      return (String) parts.get(i);
    }

    public UUID id(int i) {
      return (UUID) parts.get(i);
    }

    public Instant time(int i) {
      return (Instant) parts.get(i);
    }

    public long seq(int i) {
      return (Long) parts.get(i);
    }
  }

  /** The tokens of one list. */
  public static final class Tokens {
    private final String list;
    private final Part[] parts;

    Tokens(String list, Part... parts) {
      this.list = list;
      this.parts = parts;
    }

    /** A token for the position after {@code values}, valid for this list and filter only. */
    public String encode(String filter, Object... values) {
      if (values.length != parts.length) {
        throw new IllegalArgumentException("a " + list + " position has " + parts.length + " parts");
      }
      List<String> fields = new ArrayList<>();
      fields.add(list);
      fields.add(filter);
      for (Object value : values) {
        fields.add(String.valueOf(value));
      }
      StringBuilder token = new StringBuilder();
      for (String field : fields) {
        if (!token.isEmpty()) {
          token.append('.');
        }
        token.append(ENCODER.encodeToString(field.getBytes(StandardCharsets.UTF_8)));
      }
      return token.toString();
    }

    /**
     * The position a token of this list and filter records, or null for an empty token (the
     * first page). Anything else is INVALID_ARGUMENT.
     */
    public Position decode(String token, String filter) {
      if (token == null || token.isEmpty()) {
        return null;
      }
      try {
        String[] fields = token.split("\\.", -1);
        if (fields.length == parts.length + 2 && text(fields[0]).equals(list) && text(fields[1]).equals(filter)) {
          List<Object> values = new ArrayList<>(parts.length);
          for (int i = 0; i < parts.length; i++) {
            values.add(parts[i].parse.apply(text(fields[i + 2])));
          }
          return new Position(values);
        }
      } catch (RuntimeException malformed) {
        // one answer for every kind of bad token, below
      }
      throw InvalidInputException.of("page_token",
          "is not a page token of this list and filter; start again with an empty token");
    }

    private static String text(String field) {
      return new String(DECODER.decode(field), StandardCharsets.UTF_8);
    }
  }

  /**
   * Turns rows fetched with a limit of {@code size + 1} into a page: the extra row only says
   * there is more, and the token records where this page's last row stands.
   */
  public static <T> Of<T> cut(List<T> rows, int size, Function<T, String> tokenOfLast) {
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
}

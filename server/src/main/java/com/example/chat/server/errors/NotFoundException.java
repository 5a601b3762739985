package com.example.chat.server.errors;

/**
 * The thing does not exist for this caller. Also used for things of another company and rooms
 * the caller is not in, so that existence never leaks.
 */
public final class NotFoundException extends ChatException {
  public NotFoundException(String reason, String message) {
    super(reason, message);
  }

  public static NotFoundException user(String id) {
    return new NotFoundException("USER_NOT_FOUND", "There is no user with id " + id + ".");
  }

  public static NotFoundException room(String id) {
    return new NotFoundException("ROOM_NOT_FOUND", "There is no room with id " + id + ".");
  }

  public static NotFoundException company(String id) {
    return new NotFoundException("COMPANY_NOT_FOUND", "There is no company with id " + id + ".");
  }
}

package com.example.chat.bench.xmpp;

/** The text every benchmark message carries: 100 bytes, like the chat server's benchmark. */
final class Messages {
  static final String BODY = "Benchmark message of one hundred bytes, about as long as a short business chat line is. 0123456789.!";

  private Messages() {}
}

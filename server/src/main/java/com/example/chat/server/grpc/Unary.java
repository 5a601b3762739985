package com.example.chat.server.grpc;

import io.grpc.stub.StreamObserver;

/** Helpers of unary adapters. */
public final class Unary {
  private Unary() {}

  /** Sends the one response and completes the call. */
  public static <T> void reply(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }

  /** A proto string for an optional value: empty when absent. */
  public static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}

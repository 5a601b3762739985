package com.example.chat.server;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One logging backend for the whole process: SLF4J with Logback (configured by
 * {@code logback.xml}). Libraries that log through java.util.logging (grpc-java, and code of
 * ours that still does) are bridged into it, so every line has the same JSON form.
 */
public final class Logging {
  private Logging() {}

  /** Routes java.util.logging into SLF4J; idempotent, so every server start may call it. */
  public static synchronized void bridgeJavaUtilLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}

package com.example.chat.server.directory;

import java.time.Instant;
import java.util.UUID;

/** A company (tenant). */
public record CompanyRecord(UUID id, String name, Instant createTime) {}

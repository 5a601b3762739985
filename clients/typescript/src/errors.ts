// A refused call carries a google.rpc.Status in the grpc-status-details-bin trailer: an
// ErrorInfo with a stable reason (ROOM_NOT_FOUND, ROLE_NOT_ALLOWED, ...), BadRequest field
// violations for invalid input, RetryInfo when trying again later may help. Connect decodes the
// trailer; these helpers pick the details out by their generated schema.
import { ConnectError } from "@connectrpc/connect";
import { durationMs } from "@bufbuild/protobuf/wkt";
import {
  BadRequestSchema,
  ErrorInfoSchema,
  RetryInfoSchema,
  type BadRequest_FieldViolation,
  type ErrorInfo,
} from "./gen/google/rpc/error_details_pb.js";

export * from "./gen/google/rpc/error_details_pb.js";
export * from "./gen/google/rpc/status_pb.js";

/** The ErrorInfo of a refused call, if the server sent one. */
export function errorInfo(error: unknown): ErrorInfo | undefined {
  return ConnectError.from(error).findDetails(ErrorInfoSchema)[0];
}

/** The stable reason of a refused call ("ROLE_NOT_ALLOWED"), if the server sent one. */
export function errorReason(error: unknown): string | undefined {
  return errorInfo(error)?.reason;
}

/** Which request fields were wrong and why, for INVALID_ARGUMENT. */
export function fieldViolations(error: unknown): BadRequest_FieldViolation[] {
  return ConnectError.from(error).findDetails(BadRequestSchema).flatMap((b) => b.fieldViolations);
}

/** How long the server suggests waiting before a retry, in milliseconds, if it said. */
export function retryDelayMs(error: unknown): number | undefined {
  const delay = ConnectError.from(error).findDetails(RetryInfoSchema)[0]?.retryDelay;
  return delay === undefined ? undefined : durationMs(delay);
}

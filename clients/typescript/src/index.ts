// The chat.v1 API for Connect clients (gRPC, gRPC-Web): every generated message and service,
// plus helpers that read the error details the server attaches to a refused call.
export * from "./gen/chat/v1/access_pb.js";
export * from "./gen/chat/v1/contacts_pb.js";
export * from "./gen/chat/v1/directory_pb.js";
export * from "./gen/chat/v1/events_pb.js";
export * from "./gen/chat/v1/messages_pb.js";
export * from "./gen/chat/v1/notifications_pb.js";
export * from "./gen/chat/v1/rooms_pb.js";
export * from "./gen/chat/v1/webhooks_pb.js";
export * from "./errors.js";

package com.example.chat.server.grpc;

import com.example.chat.server.auth.Principal;
import com.example.chat.db.types.Role;
import com.example.chat.v1.AccessProto;
import com.example.chat.v1.MethodAccess;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enforces the {@code (chat.v1.access)} option each RPC declares in the .proto: the roles of
 * people, and whether service accounts, may call it. A method without the option is refused to
 * everyone, so a new RPC is closed until its access is declared.
 */
public final class AccessInterceptor implements ServerInterceptor {

  private record Access(Set<Role> roles, boolean services) {}

  private final Map<String, Access> byMethod = new HashMap<>();

  public AccessInterceptor(List<ServiceDescriptor> services) {
    for (ServiceDescriptor service : services) {
      for (MethodDescriptor method : service.getMethods()) {
        MethodAccess declared = method.getOptions().getExtension(AccessProto.access);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (com.example.chat.v1.Role role : declared.getRolesList()) {
          roles.add(ProtoMapping.role(role));
        }
        byMethod.put(service.getFullName() + "/" + method.getName(),
            new Access(roles, declared.getServiceAccounts()));
      }
    }
  }

  /** The descriptors of services built by protoc, for the constructor. */
  public static ServiceDescriptor descriptorOf(io.grpc.ServiceDescriptor service) {
    return ((ProtoServiceDescriptorSupplier) service.getSchemaDescriptor()).getServiceDescriptor();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Access access = byMethod.get(call.getMethodDescriptor().getFullMethodName());
    Principal caller = CallContext.principal();
    boolean allowed = access != null && (caller instanceof Principal.Person p
        ? access.roles().contains(p.role())
        : access.services());
    if (!allowed) {
      String who = caller instanceof Principal.Person p ? "the role " + p.role() : "service accounts";
      Status status = Status.PERMISSION_DENIED.withDescription(
          "This method is not available to " + who + ".");
      call.close(status, ErrorMapper.errorInfoTrailers(status, "ROLE_NOT_ALLOWED"));
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}

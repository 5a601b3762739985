package com.example.chat.server.rooms;

import static com.example.chat.server.grpc.ProtoMapping.id;
import static com.example.chat.server.grpc.ProtoMapping.role;
import static com.example.chat.server.grpc.Unary.orEmpty;
import static com.example.chat.server.grpc.Unary.reply;

import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.grpc.CallContext;
import com.example.chat.v1.Contact;
import com.example.chat.v1.ContactKind;
import com.example.chat.v1.ContactServiceGrpc;
import com.example.chat.v1.ListContactsRequest;
import com.example.chat.v1.ListContactsResponse;
import io.grpc.stub.StreamObserver;

/** gRPC adapter of {@link Contacts}. */
public final class ContactGrpcService extends ContactServiceGrpc.ContactServiceImplBase {
  private final Contacts contacts;

  public ContactGrpcService(Contacts contacts) {
    this.contacts = contacts;
  }

  @Override
  public void listContacts(ListContactsRequest r, StreamObserver<ListContactsResponse> out) {
    Boolean customers = switch (r.getKind()) {
      case CONTACT_KIND_UNSPECIFIED -> null;
      case CONTACT_KIND_EMPLOYEE -> false;
      case CONTACT_KIND_CUSTOMER -> true;
      case UNRECOGNIZED -> throw InvalidInputException.of("kind", "is not a contact kind");
    };
    var page = contacts.list(CallContext.person(), customers, r.getNamePrefix(), r.getPageSize(), r.getPageToken());
    ListContactsResponse.Builder response = ListContactsResponse.newBuilder();
    for (Contacts.Contact c : page.items()) {
      boolean customer = !c.role().isEmployee();
      response.addContacts(Contact.newBuilder().setUserId(c.userId().toString()).setDisplayName(c.displayName())
          .setEmail(c.email()).setRole(role(c.role()))
          .setKind(customer ? ContactKind.CONTACT_KIND_CUSTOMER : ContactKind.CONTACT_KIND_EMPLOYEE)
          .setDepartment(customer ? "" : c.department())
          .setOrganization(orEmpty(c.organization()))
          .setAssignedEmployeeId(id(c.assignedTo()))
          .setAssignedEmployeeName(orEmpty(c.assignedToName())));
    }
    reply(out, response.setNextPageToken(orEmpty(page.nextPageToken())).build());
  }
}

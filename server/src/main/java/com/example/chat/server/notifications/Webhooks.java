package com.example.chat.server.notifications;

import com.example.chat.server.auth.Principal;
import com.example.chat.server.directory.DirectoryRepository;
import com.example.chat.server.errors.InvalidInputException;
import com.example.chat.server.errors.NotFoundException;
import com.example.chat.server.errors.PermissionDeniedException;
import com.example.chat.server.input.Page;
import com.example.chat.server.input.Validator;
import com.example.chat.server.policy.ChatPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The webhook management use cases: endpoints of a company, their secrets, test events, and
 * deliveries that failed. Who may manage which company's endpoints is the policy's
 * {@link ChatPolicy#mayManageWebhooks}; an endpoint out of the caller's scope does not exist
 * for them.
 */
public final class Webhooks {
  public static final int MAX_DESCRIPTION = 500;

  private final WebhookRepository repository;
  private final DirectoryRepository directory;
  private final UrlSafety urls;
  private final Duration secretGrace;
  private final Runnable wakeDelivery;

  public Webhooks(WebhookRepository repository, DirectoryRepository directory, UrlSafety urls,
      Duration secretGrace, Runnable wakeDelivery) {
    this.repository = repository;
    this.directory = directory;
    this.urls = urls;
    this.secretGrace = secretGrace;
    this.wakeDelivery = wakeDelivery;
  }

  /** A new endpoint as requested; {@code eventTypes} null entries are unrecognized proto values. */
  public record Draft(String requestId, String companyId, String url, List<EventType> eventTypes,
      String description) {}

  public Endpoint.WithSecret create(Principal caller, Draft draft) {
    Validator v = new Validator();
    String requestId = v.requestId("request_id", draft.requestId());
    UUID companyId = v.optionalId("company_id", draft.companyId());
    Set<EventType> types = eventTypes(v, draft.eventTypes(), true);
    v.optionalText("description", draft.description(), MAX_DESCRIPTION);
    v.throwIfInvalid();
    UUID company = companyInScope(caller, companyId);
    String url = urls.check("url", draft.url()).toString();
    if (requestId != null) {
      var earlier = repository.findByRequest(company, caller.subject(), requestId);
      if (earlier.isPresent()) {
        return new Endpoint.WithSecret(earlier.get(), "");
      }
    }
    String secret = WebhookSignature.newSecret();
    var created = repository.insert(new WebhookRepository.NewEndpoint(company, url, types,
        draft.description() == null ? "" : draft.description().strip(), secret, caller.subject(), requestId));
    if (created.isEmpty()) {
      // A concurrent repeat of the same request won the race: answer with its endpoint.
      return new Endpoint.WithSecret(repository.findByRequest(company, caller.subject(), requestId).orElseThrow(), "");
    }
    return new Endpoint.WithSecret(created.get(), secret);
  }

  public Endpoint get(Principal caller, String endpointId) {
    return manageable(caller, endpointId);
  }

  public Page.Of<Endpoint> list(Principal caller, String companyId, int pageSize, String pageToken) {
    Validator v = new Validator();
    UUID requested = v.optionalId("company_id", companyId);
    v.throwIfInvalid();
    int size = Page.size(pageSize);
    UUID company = companyInScope(caller, requested);
    String filter = company.toString();
    Page.Position after = Page.WEBHOOK_ENDPOINTS.decode(pageToken, filter);
    return Page.cut(repository.list(company, after == null ? null : after.time(0), after == null ? null : after.id(1), size + 1),
        size, last -> Page.WEBHOOK_ENDPOINTS.encode(filter, last.createTime(), last.id()));
  }

  public Endpoint update(Principal caller, String endpointId, String url, List<EventType> eventTypes,
      String description) {
    Validator v = new Validator();
    v.id("endpoint_id", endpointId);
    Set<EventType> types = eventTypes.isEmpty() ? null : eventTypes(v, eventTypes, true);
    v.optionalText("description", description, MAX_DESCRIPTION);
    v.throwIfInvalid();
    Endpoint endpoint = manageable(caller, endpointId);
    String checkedUrl = url == null ? null : urls.check("url", url).toString();
    return repository.update(endpoint, checkedUrl, types, description == null ? null : description.strip());
  }

  public Endpoint disable(Principal caller, String endpointId) {
    Endpoint endpoint = manageable(caller, endpointId);
    return repository.setDisabled(endpoint.id(), Endpoint.DisabledReason.BY_ADMIN)
        .orElseThrow(() -> notFound(endpointId));
  }

  public Endpoint enable(Principal caller, String endpointId) {
    Endpoint endpoint = manageable(caller, endpointId);
    Endpoint enabled = repository.setDisabled(endpoint.id(), null).orElseThrow(() -> notFound(endpointId));
    wakeDelivery.run();
    return enabled;
  }

  public void delete(Principal caller, String endpointId) {
    Endpoint endpoint = manageable(caller, endpointId);
    if (!repository.delete(endpoint.id())) {
      throw notFound(endpointId);
    }
  }

  public Endpoint.WithSecret rotate(Principal caller, String endpointId) {
    Endpoint endpoint = manageable(caller, endpointId);
    String secret = WebhookSignature.newSecret();
    Endpoint rotated = repository.rotate(endpoint.id(), secret, secretGrace).orElseThrow(() -> notFound(endpointId));
    return new Endpoint.WithSecret(rotated, secret);
  }

  public UUID sendTest(Principal caller, String endpointId) {
    Endpoint endpoint = manageable(caller, endpointId);
    UUID eventId = repository.insertTestEvent(endpoint);
    wakeDelivery.run();
    return eventId;
  }

  public Page.Of<Delivery> deliveries(Principal caller, String endpointId, Delivery.State state, int pageSize,
      String pageToken) {
    Validator v = new Validator();
    v.id("endpoint_id", endpointId);
    v.throwIfInvalid();
    int size = Page.size(pageSize);
    Endpoint endpoint = manageable(caller, endpointId);
    Delivery.State wanted = state == null ? Delivery.State.FAILED : state;
    String filter = endpoint.id() + ":" + wanted;
    Page.Position before = Page.WEBHOOK_DELIVERIES.decode(pageToken, filter);
    return Page.cut(repository.deliveries(endpoint.id(), wanted, before == null ? null : before.seq(0), size + 1), size,
        last -> Page.WEBHOOK_DELIVERIES.encode(filter, last.id()));
  }

  public Delivery redeliver(Principal caller, String endpointId, String eventId) {
    Validator v = new Validator();
    v.id("endpoint_id", endpointId);
    UUID event = v.id("event_id", eventId);
    v.throwIfInvalid();
    Endpoint endpoint = manageable(caller, endpointId);
    Delivery delivery = repository.redeliver(endpoint.id(), event).orElseThrow(() -> new NotFoundException(
        "WEBHOOK_DELIVERY_NOT_FOUND", "The endpoint has no delivery of event " + eventId + "."));
    wakeDelivery.run();
    return delivery;
  }

  /** An endpoint the caller may manage; NOT_FOUND for ids out of their scope. */
  private Endpoint manageable(Principal caller, String endpointId) {
    Validator v = new Validator();
    UUID id = v.id("endpoint_id", endpointId);
    v.throwIfInvalid();
    requireWebhookManager(caller);
    return repository.find(id)
        .filter(e -> ChatPolicy.mayManageWebhooks(caller, e.companyId()))
        .orElseThrow(() -> notFound(endpointId));
  }

  /**
   * The company a create or list is for: the one named, or the caller's own. A company out of
   * the caller's scope does not exist for them; a person who is no admin is refused.
   */
  private UUID companyInScope(Principal caller, UUID requested) {
    UUID own = caller instanceof Principal.Person p ? p.companyId() : ((Principal.Service) caller).companyId();
    UUID company = requested == null ? own : requested;
    if (company == null) {
      throw InvalidInputException.of("company_id", "is required for a service account bound to no company");
    }
    requireWebhookManager(caller);
    if (!ChatPolicy.mayManageWebhooks(caller, company) || directory.findCompany(company).isEmpty()) {
      throw NotFoundException.company(company.toString());
    }
    return company;
  }

  /** A person who manages no webhooks, even of their own company, is refused outright. */
  private static void requireWebhookManager(Principal caller) {
    if (caller instanceof Principal.Person p && !ChatPolicy.mayManageWebhooks(caller, p.companyId())) {
      throw new PermissionDeniedException("WEBHOOK_ADMIN_REQUIRED",
          "Only the company's admins and its services may manage webhooks.");
    }
  }

  private static Set<EventType> eventTypes(Validator v, List<EventType> requested, boolean required) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (int i = 0; i < requested.size(); i++) {
      EventType type = requested.get(i);
      v.check(type != null && type != EventType.TEST, "event_types[" + i + "]",
          "is not a notification type an endpoint can subscribe to");
      if (type != null) {
        types.add(type);
      }
    }
    v.check(!required || !requested.isEmpty(), "event_types", "must name at least one notification type");
    return types;
  }

  private static NotFoundException notFound(String endpointId) {
    return new NotFoundException("WEBHOOK_ENDPOINT_NOT_FOUND", "There is no webhook endpoint with id " + endpointId + ".");
  }
}

package com.example.chat.server.notifications;

import com.example.chat.server.errors.InvalidInputException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which webhook URLs the server will post to. By default only https, and never a host that
 * resolves to an address of the server's own surroundings (loopback, link-local, private,
 * carrier-grade NAT, cloud metadata, multicast, reserved), so that a company admin cannot make
 * the server call into its internal network. Hosts on the allow-list skip the address check
 * (for a receiver on the same machine in development and tests); plain http needs its own flag.
 *
 * <p>The check runs when an endpoint is saved and again before every delivery, because what a
 * name resolves to can change.
 */
public final class UrlSafety {
  public static final int MAX_URL = 2000;

  private final boolean allowHttp;
  private final Set<String> allowedHosts;

  public UrlSafety(boolean allowHttp, Set<String> allowedHosts) {
    this.allowHttp = allowHttp;
    this.allowedHosts = allowedHosts.stream().map(UrlSafety::normalizeHost).collect(Collectors.toUnmodifiableSet());
  }

  /** The URL as the server will call it; INVALID_ARGUMENT on {@code field} if refused. */
  public URI check(String field, String url) {
    if (url == null || url.isBlank()) {
      throw InvalidInputException.of(field, "is required");
    }
    if (url.length() > MAX_URL) {
      throw InvalidInputException.of(field, "must be at most " + MAX_URL + " characters");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw InvalidInputException.of(field, "is not a valid URL");
    }
    Optional<String> refusal = refusal(uri);
    if (refusal.isPresent()) {
      throw InvalidInputException.of(field, refusal.get());
    }
    return uri;
  }

  /** Why the server must not call this URL now, or empty when it may. */
  public Optional<String> refusal(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      return Optional.of(allowHttp ? "must be an http or https URL" : "must be an https URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not carry a user name or password");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("must not have a fragment");
    }
    String host = normalizeHost(uri.getHost());
    if (allowedHosts.contains(host)) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return Optional.of("names a host that could not be resolved: " + host);
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        return Optional.of("points at a loopback, private, link-local or metadata address; "
            + "webhooks may only call public addresses");
      }
    }
    return Optional.empty();
  }

  private static String normalizeHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** Whether an address is on the public internet, as far as its number says. */
  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return isPublicIpv4(b);
    }
    Inet6Address v6 = (Inet6Address) address;
    if ((b[0] & 0xfe) == 0xfc) {
      return false; // fc00::/7 unique local (includes AWS's fd00:ec2::254 metadata)
    }
    if (v6.isIPv4CompatibleAddress() || isNat64(b)) {
      return isPublicIpv4(new byte[] {b[12], b[13], b[14], b[15]});
    }
    return true;
  }

  private static boolean isNat64(byte[] b) {
    // 64:ff9b::/96 embeds an IPv4 address in its last four bytes.
    if (b[0] != 0 || b[1] != 0x64 || (b[2] & 0xff) != 0xff || (b[3] & 0xff) != 0x9b) {
      return false;
    }
    for (int i = 4; i < 12; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPublicIpv4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    return !(a0 == 0 // "this network"
        || a0 == 10 || a0 == 127
        || (a0 == 100 && (a1 & 0xc0) == 64) // 100.64.0.0/10 carrier-grade NAT (Alibaba metadata)
        || (a0 == 169 && a1 == 254) // link-local, cloud metadata 169.254.169.254
        || (a0 == 172 && (a1 & 0xf0) == 16)
        || (a0 == 192 && a1 == 168)
        || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
        || (a0 == 198 && (a1 & 0xfe) == 18) // 198.18.0.0/15 benchmarking
        || a0 >= 224); // multicast, reserved, broadcast
  }
}

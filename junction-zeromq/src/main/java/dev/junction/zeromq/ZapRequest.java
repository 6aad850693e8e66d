package dev.junction.zeromq;

import java.util.Objects;

/**
 * One ZAP (ZeroMQ Authentication Protocol, RFC 27) request: a client is being authenticated by a
 * Junction server socket. Immutable.
 *
 * @param domain the server socket's ZAP domain (the {@code zapDomain} option, else one Junction
 *     chose for that server)
 * @param address the client's IP address as ZeroMQ reports it
 * @param mechanism {@code PLAIN} or {@code CURVE}
 * @param username the PLAIN user name, or null for CURVE
 * @param password the PLAIN password, or null for CURVE; never log it
 * @param clientKey the CURVE client's public key in Z85, or null for PLAIN
 */
public record ZapRequest(
        String domain, String address, String mechanism, String username, String password, String clientKey) {
    public ZapRequest {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mechanism, "mechanism");
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "ZapRequest[domain=" + domain + ", address=" + address + ", mechanism=" + mechanism
                + (username == null ? "" : ", username=" + username)
                + (clientKey == null ? "" : ", clientKey=" + clientKey) + "]";
    }
}

package dev.junction.zeromq.internal;

import java.security.Principal;

/** The user id a ZAP handler gave the peer (a PLAIN username, a CURVE key, what the handler chose). */
public record ZmqPrincipal(String getName) implements Principal {}
